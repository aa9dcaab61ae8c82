import Foundation
import TorvCore

/// The field checks Checkout's facades share; each records a ``CheckoutError`` code at its pointer.
extension Validator {
    mutating func requireText(_ text: String, at pointer: String, maximum: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(CheckoutError.fieldRequired, at: pointer)
        } else if trimmed.count > maximum {
            add(CheckoutError.fieldTooLong(maximum: maximum), at: pointer)
        }
    }

    mutating func optionalText(_ text: String?, at pointer: String, maximum: Int) {
        if let text, text.trimmingCharacters(in: .whitespacesAndNewlines).count > maximum {
            add(CheckoutError.fieldTooLong(maximum: maximum), at: pointer)
        }
    }

    mutating func checkCountry(_ country: String, at pointer: String) {
        if !Countries.isAssigned(country) { add(CheckoutError.invalidCountry(country), at: pointer) }
    }

    /// A loose check (digits, spaces, `+ - ( ) .`, 5 to 20 digits): numbering plans differ too much for more.
    mutating func checkPhone(_ phone: String, at pointer: String) {
        let allowed = Set("0123456789 +-().")
        let digits = phone.filter(\.isNumber).count
        if !phone.allSatisfy({ allowed.contains($0) }) || !(5...20).contains(digits) {
            add(CheckoutError.invalidPhone, at: pointer)
        }
    }

    /// One `@`, something before it, a dotted domain after it, no spaces, at most 254 characters
    /// (RFC 5321's path limit). Deliverability is proven by sending, not by a pattern.
    mutating func checkEmail(_ email: String, at pointer: String) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace)
        if !valid { add(CheckoutError.invalidEmail, at: pointer) }
    }

    mutating func checkQuantity(_ quantity: Int, at pointer: String) {
        if quantity < 1 { add(CheckoutError.quantityMustBePositive, at: pointer) }
    }
}
