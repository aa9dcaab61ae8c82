import Foundation
import TorvCore

/// The input checks facades share. Each problem is recorded with its pointer and one of
/// ``PurchasingError``'s codes; `finish()` then throws them all at once.
extension Validator {
    mutating func checkSKU(_ sku: String, at pointer: String) {
        let trimmed = Purchasing.trimmed(sku)
        if trimmed.isEmpty || trimmed != sku || sku.count > 200 {
            add(PurchasingError.skuRequired, at: pointer)
        }
    }

    mutating func checkQuantity(_ quantity: Int, at pointer: String) {
        if quantity < 1 {
            add(PurchasingError.quantityMustBePositive, at: pointer)
        } else if quantity > Purchasing.maximumQuantity {
            add(PurchasingError.quantityTooLarge(maximum: Purchasing.maximumQuantity), at: pointer)
        }
    }

    /// A cost or price from zero to ``Purchasing/maximumUnitCost`` in `currency`.
    mutating func checkUnitCost(_ cost: Money, in currency: Currency, at pointer: String) {
        if cost.currency != currency {
            add(PurchasingError.currencyMismatch(expected: currency), at: pointer + "/currency")
        } else if cost.amount < 0 || cost.amount > Purchasing.maximumUnitCost {
            add(PurchasingError.invalidUnitCost, at: pointer)
        }
    }

    mutating func checkLineCount(_ count: Int) {
        if count == 0 {
            add(PurchasingError.linesRequired, at: "/lines")
        } else if count > Purchasing.maximumLines {
            add(PurchasingError.tooManyLines(maximum: Purchasing.maximumLines), at: "/lines")
        }
    }

    mutating func checkText(_ text: String?, maximum: Int, at pointer: String) {
        if let text, text.count > maximum { add(PurchasingError.invalidText(maximum: maximum), at: pointer) }
    }

    mutating func checkReason(_ reason: String?, required: Bool, at pointer: String) {
        let trimmed = reason.map(Purchasing.trimmed) ?? ""
        if required && trimmed.isEmpty {
            add(PurchasingError.reasonRequired, at: pointer)
        } else if trimmed.count > 500 {
            add(PurchasingError.invalidText(maximum: 500), at: pointer)
        }
    }
}

extension Purchasing {
    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Empty after trimming means absent.
    static func cleaned(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = trimmed(text)
        return trimmed.isEmpty ? nil : trimmed
    }

    static func pointer(_ tokens: Any...) -> String {
        FieldError.pointer(tokens.map { "\($0)" })
    }
}
