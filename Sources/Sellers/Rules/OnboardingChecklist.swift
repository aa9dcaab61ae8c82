public import Foundation
public import TorvCore

/// What a seller must hand in before review, by seller kind.
///
/// A business: legal name, registration number, VAT ID, country, a valid payout IBAN and an extract from
/// the trade register. A private person: legal name, date of birth (an adult), country, a valid payout
/// IBAN and an identity document. Each missing item is a field error with the pointer the seller fixes.
public enum OnboardingChecklist {
    public static let adultAge = 18

    public static func missing(_ seller: Seller, at now: Date) -> [FieldError] {
        var problems: [FieldError] = []
        func require(_ value: String?, _ pointer: String, _ what: String) {
            if (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(FieldError(pointer: pointer, message: "\(what) is required", code: "required"))
            }
        }
        let onboarding = seller.onboarding
        require(onboarding.legalName, "/onboarding/legal_name", "the legal name")
        require(onboarding.country, "/onboarding/country", "the country")
        if let iban = onboarding.payoutIBAN, !iban.isEmpty {
            if !IBAN.isValid(iban) {
                problems.append(
                    FieldError(
                        pointer: "/onboarding/payout_iban", message: "is not a valid IBAN", code: "invalid_iban"))
            }
        } else {
            require(nil, "/onboarding/payout_iban", "a payout IBAN")
        }
        let kinds = Set(seller.documents.map(\.kind))
        switch seller.kind {
        case .business:
            require(onboarding.registrationNumber, "/onboarding/registration_number", "the registration number")
            require(onboarding.vatID, "/onboarding/vat_id", "the VAT ID")
            if !kinds.contains(.businessRegistration) {
                problems.append(
                    FieldError(
                        pointer: "/documents", message: "an extract from the trade register is required",
                        code: "document_required"))
            }
        case .private:
            if let birth = onboarding.birthDate.flatMap(BirthDate.parse) {
                if !BirthDate.isAdult(birth, age: adultAge, at: now) {
                    problems.append(
                        FieldError(
                            pointer: "/onboarding/birth_date", message: "sellers must be at least \(adultAge)",
                            code: "too_young"))
                }
            } else {
                problems.append(
                    FieldError(
                        pointer: "/onboarding/birth_date", message: "a date of birth (YYYY-MM-DD) is required",
                        code: "required"))
            }
            if !kinds.contains(.identity) {
                problems.append(
                    FieldError(
                        pointer: "/documents", message: "an identity document is required", code: "document_required"))
            }
        }
        return problems
    }
}

/// Calendar dates of birth, compared in UTC (a day's difference in time zone never decides adulthood here:
/// review is by a person anyway).
enum BirthDate {
    static func parse(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        return DateComponents(year: year, month: month, day: day)
    }

    static func isAdult(_ birth: DateComponents, age: Int, at now: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.dateComponents([.year, .month, .day], from: now)
        guard let year = today.year, let month = today.month, let day = today.day,
            let birthYear = birth.year, let birthMonth = birth.month, let birthDay = birth.day
        else { return false }
        let years = year - birthYear - ((month, day) < (birthMonth, birthDay) ? 1 : 0)
        return years >= age
    }
}

/// International Bank Account Numbers, checked by ISO 13616's mod-97 rule (catches every single typo
/// and most swaps).
public enum IBAN {
    public static func normalized(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace }
    }

    public static func isValid(_ text: String) -> Bool {
        let iban = normalized(text)
        guard (15...34).contains(iban.count), iban.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
            iban.prefix(2).allSatisfy(\.isLetter), iban.dropFirst(2).prefix(2).allSatisfy(\.isNumber)
        else { return false }
        let rearranged = iban.dropFirst(4) + iban.prefix(4)
        var remainder = 0
        for character in rearranged {
            let value = character.isNumber ? Int(String(character))! : Int(character.asciiValue! - 55)
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97
        }
        return remainder == 1
    }
}
