/// Which returns a list shows; every field narrows it.
public struct ReturnQuery: Sendable, Hashable {
    public var status: ReturnStatus?
    /// Only returns of this customer's orders.
    public var customerID: String?

    public init(status: ReturnStatus? = nil, customerID: String? = nil) {
        self.status = status
        self.customerID = customerID
    }
}
