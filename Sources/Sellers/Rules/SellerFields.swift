import Foundation
public import TorvCore

/// Field rules for what sellers type in. Pointers are relative to the request body.
public enum SellerFields {
    /// Handles: lower-case letters, digits and single hyphens, 3 to 40 characters.
    public static func isValidHandle(_ handle: String) -> Bool {
        (3...40).contains(handle.count) && handle.first != "-" && handle.last != "-" && !handle.contains("--")
            && handle.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }

    /// A handle from a display name (`Nordic Ceramics AB` → `nordic-ceramics-ab`).
    public static func handle(from name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = folded.unicodeScalars.split { !($0.isASCII && CharacterSet.alphanumerics.contains($0)) }
            .map { String(String.UnicodeScalarView($0)) }
        return String(words.joined(separator: "-").prefix(40)).trimmingCharacters(in: ["-"])
    }

    static func isCountry(_ code: String) -> Bool {
        code.count == 2 && code.utf8.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    public static func check(_ application: SellerApplication, into v: inout Validator) {
        let name = application.displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check((2...100).contains(name.count), "/display_name", "must be 2 to 100 characters", code: "invalid_length")
        if let handle = application.handle {
            v.check(
                isValidHandle(handle), "/handle", "must be 3 to 40 lower-case letters, digits and hyphens",
                code: "invalid_handle")
        }
        check(application.onboarding, into: &v)
    }

    public static func check(_ onboarding: SellerOnboarding, into v: inout Validator) {
        for (value, pointer) in [
            (onboarding.legalName, "/onboarding/legal_name"),
            (onboarding.registrationNumber, "/onboarding/registration_number"),
            (onboarding.vatID, "/onboarding/vat_id"), (onboarding.payoutHolder, "/onboarding/payout_holder"),
        ] {
            if let value { v.check(value.count <= 200, pointer, "must be at most 200 characters", code: "too_long") }
        }
        if let country = onboarding.country {
            v.check(
                isCountry(country), "/onboarding/country", "must be an ISO 3166-1 code such as SE",
                code: "invalid_country")
        }
        if let iban = onboarding.payoutIBAN, !iban.isEmpty {
            v.check(IBAN.isValid(iban), "/onboarding/payout_iban", "is not a valid IBAN", code: "invalid_iban")
        }
        if let birth = onboarding.birthDate {
            v.check(
                BirthDate.parse(birth) != nil, "/onboarding/birth_date", "must be a date YYYY-MM-DD",
                code: "invalid_date")
        }
    }

    public static func check(_ profile: SellerProfile, into v: inout Validator) {
        v.check(
            profile.description.count <= Sellers.maximumText, "/description",
            "must be at most \(Sellers.maximumText) characters", code: "too_long")
        v.check(
            profile.returnPolicy.count <= Sellers.maximumText, "/return_policy",
            "must be at most \(Sellers.maximumText) characters", code: "too_long")
        v.check(
            (0...365).contains(profile.returnWindowDays), "/return_window_days", "must be 0 to 365",
            code: "out_of_range")
        v.check((0...60).contains(profile.handlingDays), "/handling_days", "must be 0 to 60", code: "out_of_range")
        if let country = profile.shipsFrom {
            v.check(isCountry(country), "/ships_from", "must be an ISO 3166-1 code such as SE", code: "invalid_country")
        }
        if let url = profile.logoURL {
            v.check(isWebAddress(url), "/logo_url", "must be an https address", code: "invalid_url")
        }
        if let email = profile.supportEmail {
            v.check(
                email.count <= 254 && email.contains("@") && !email.contains(" "), "/support_email",
                "must be an e-mail address", code: "invalid_email")
        }
        for (money, pointer) in [
            (profile.shippingFee, "/shipping_fee"), (profile.freeShippingFrom, "/free_shipping_from"),
        ] {
            if let money { v.check(!money.isNegative, pointer, "must not be negative", code: "out_of_range") }
        }
        if let fee = profile.shippingFee, let from = profile.freeShippingFrom {
            v.check(
                fee.currency == from.currency, "/free_shipping_from", "must be in the shipping fee's currency",
                code: "currency_mismatch")
        }
    }

    /// Documents and logos are referenced by address; only https addresses, so a page never mixes content.
    public static func isWebAddress(_ text: String) -> Bool {
        guard text.count <= 2_000, let url = URL(string: text), url.scheme == "https", let host = url.host(),
            !host.isEmpty
        else { return false }
        return true
    }
}
