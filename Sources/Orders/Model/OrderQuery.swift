public import Foundation

/// Filters for the staff order list. Every field narrows; `nil` means any.
public struct OrderQuery: Sendable, Hashable {
    public var status: OrderStatus?
    public var customerID: String?
    /// A B2B company's orders (its buyers').
    public var companyID: String?
    /// Orders placed at or after the lower bound and before the upper bound.
    public var placed: Range<Date>?
    /// A fragment of the order number or the e-mail address, case-insensitive.
    public var text: String?

    public init(
        status: OrderStatus? = nil, customerID: String? = nil, companyID: String? = nil, placed: Range<Date>? = nil,
        text: String? = nil
    ) {
        self.status = status
        self.customerID = customerID
        self.companyID = companyID
        self.placed = placed
        self.text = text
    }
}
