public import TorvCore

/// The tax on one amount, rounded once, half to even.
public enum TaxCalculation {
    /// Tax contained in or added to `amount` at `basisPoints`.
    ///
    /// Inclusive: `amount` is gross, tax = gross · r / (1 + r) = gross · bp / (10000 + bp).
    /// Exclusive: `amount` is net, tax = net · bp / 10000.
    public static func tax(
        on amount: Money, basisPoints: Int, pricesIncludeTax: Bool
    ) throws(CheckoutError) -> Money {
        let bp = Int64(basisPoints)
        do {
            return try pricesIncludeTax
                ? amount.scaled(by: bp, over: 10_000 + bp, rounding: .halfEven)
                : amount.scaled(by: bp, over: 10_000, rounding: .halfEven)
        } catch {
            throw CheckoutError(error)
        }
    }
}
