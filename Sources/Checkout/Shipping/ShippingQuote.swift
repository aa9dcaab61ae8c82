public import TorvCore

extension ShippingMethod {
    /// The price of this method for a parcel of `weightGrams` and an order of `subtotal`, or `nil` when the
    /// method does not serve it (inactive, another currency, or beyond the last bounded band).
    ///
    /// Band edges are inclusive: with bands up to 1000 g and up to 5000 g, 1000 g costs the first band's
    /// price and 1001 g the second's. The free threshold is inclusive too: at exactly the threshold,
    /// shipping is free.
    public func quote(weightGrams: Int, subtotal: Money) -> ShippingOption? {
        guard isActive, subtotal.currency == currency else { return nil }
        let value: Int64 =
            switch basis {
            case .weight: Int64(max(0, weightGrams))
            case .subtotal: max(0, subtotal.amount)
            }
        guard let band = bands.first(where: { band in band.upTo.map { value <= $0 } ?? true }) else { return nil }
        let free = freeOver.map { subtotal.amount >= $0.amount } ?? false
        return ShippingOption(
            methodID: id, name: name, carrier: carrier,
            price: Money(minorUnits: free ? 0 : band.price, currency: currency), estimate: estimate)
    }
}
