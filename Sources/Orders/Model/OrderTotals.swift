public import TorvCore

/// An order's money, as priced at checkout. `grandTotal` is what the buyer pays: the sum of the line
/// totals plus shipping, to the minor unit.
public struct OrderTotals: Sendable, Hashable, Codable {
    public var subtotal: Money
    public var discount: Money
    public var shipping: Money
    public var tax: Money
    public var grandTotal: Money

    public init(subtotal: Money, discount: Money, shipping: Money, tax: Money, grandTotal: Money) {
        self.subtotal = subtotal
        self.discount = discount
        self.shipping = shipping
        self.tax = tax
        self.grandTotal = grandTotal
    }
}
