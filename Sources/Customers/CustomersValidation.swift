import Foundation
import TorvCore

/// The input checks and normalisations facades share. Each problem is recorded with its pointer and one
/// of ``CustomersError``'s codes; `finish()` then throws them all at once.
extension Validator {
    mutating func checkCustomerID(_ customerID: String, at pointer: String = "/customer_id") {
        if !CustomerReference.isValid(customerID) { add(CustomersError.invalidCustomerID, at: pointer) }
    }

    /// A required single-line text: trimmed, not empty, at most `maximum` characters.
    mutating func required(_ text: String, max maximum: Int, at pointer: String) -> String {
        let trimmed = Normalise.text(text)
        if trimmed.isEmpty {
            add(CustomersError.fieldRequired, at: pointer)
        } else if trimmed.count > maximum || trimmed.contains(where: \.isNewline) {
            add(CustomersError.fieldTooLong(maximum: maximum), at: pointer)
        }
        return trimmed
    }

    /// An optional single-line text: trimmed, empty becomes `nil`, at most `maximum` characters.
    mutating func optional(_ text: String?, max maximum: Int, at pointer: String) -> String? {
        guard let trimmed = text.map(Normalise.text), !trimmed.isEmpty else { return nil }
        if trimmed.count > maximum || trimmed.contains(where: \.isNewline) {
            add(CustomersError.fieldTooLong(maximum: maximum), at: pointer)
        }
        return trimmed
    }

    mutating func phone(_ text: String?, at pointer: String) -> String? {
        guard let text, !Normalise.text(text).isEmpty else { return nil }
        guard let phone = Normalise.phone(text) else {
            add(CustomersError.invalidPhone, at: pointer)
            return nil
        }
        return phone
    }

    /// Checks and normalises a street address under `pointer` (`/address/line1` …).
    mutating func address(_ address: StreetAddress, at pointer: String) -> StreetAddress {
        let recipient = required(address.recipient, max: 200, at: pointer + "/recipient")
        let company = optional(address.company, max: 200, at: pointer + "/company")
        let line1 = required(address.line1, max: 200, at: pointer + "/line1")
        let line2 = optional(address.line2, max: 200, at: pointer + "/line2")
        let city = required(address.city, max: 100, at: pointer + "/city")
        let region = optional(address.region, max: 100, at: pointer + "/region")
        let postalCode = required(address.postalCode, max: 20, at: pointer + "/postal_code")
        if !CountryCodes.isValid(address.countryCode) {
            add(CustomersError.invalidCountry, at: pointer + "/country_code")
        }
        let phone = phone(address.phone, at: pointer + "/phone")
        return StreetAddress(
            recipient: recipient, company: company, line1: line1, line2: line2, city: city, region: region,
            postalCode: postalCode, countryCode: address.countryCode, phone: phone)
    }

    mutating func nonNegative(_ money: Money?, at pointer: String) {
        if let money, money.isNegative { add(CustomersError.amountMustNotBeNegative, at: pointer) }
    }
}

/// How input text is stored.
enum Normalise {
    static func text(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// E.164 (`+4930123456`) from what people type (`+49 (30) 123-456`); `nil` when it is not one. A
    /// leading `00` is the international prefix most of Europe dials.
    static func phone(_ text: String) -> String? {
        var digits = text.filter { !" -./()\u{00A0}".contains($0) }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        guard digits.first == "+" else { return nil }
        let number = digits.dropFirst()
        guard (7...15).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }),
            number.first != "0"
        else { return nil }
        return "+" + number
    }

    /// A BCP 47 tag of the shape browsers send: language (`de`), optional script (`Latn`), optional
    /// region (`AT` or `419`), normalised to canonical case (`de-AT`, `zh-Hant-TW`). `nil` otherwise.
    static func locale(_ text: String) -> String? {
        let parts = Normalise.text(text).replacing("_", with: "-").split(
            separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        let language = parts[0].lowercased()
        guard (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        var result = language
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.allSatisfy({ $0.isASCII && $0.isLetter }) {
            result += "-" + script.prefix(1).uppercased() + script.dropFirst().lowercased()
            rest = rest.dropFirst()
        }
        if let region = rest.first {
            let upper = region.uppercased()
            let isNumeric = upper.count == 3 && upper.allSatisfy { $0.isASCII && $0.isNumber }
            guard CountryCodes.isValid(upper) || isNumeric else { return nil }
            result += "-" + upper
            rest = rest.dropFirst()
        }
        return rest.isEmpty ? result : nil
    }

    /// Upper case without spaces, dots or dashes (`de 123.456.789` → `DE123456789`).
    static func vatID(_ text: String) -> String {
        text.uppercased().filter { !" .-\u{00A0}".contains($0) }
    }
}
