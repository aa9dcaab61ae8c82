public import TorvCore

/// A shopper asking to join a deal.
public struct GroupDealJoinRequest: Sendable, Hashable {
    public var customerID: String
    public var quantity: Int

    public init(customerID: String, quantity: Int = 1) {
        self.customerID = customerID
        self.quantity = quantity
    }
}

/// A join the rules accept: what to authorise before the participant is recorded.
public struct GroupDealAdmission: Sendable, Hashable {
    /// How many are in once this shopper is, this one included.
    public var participantNumber: Int
    /// The tier price at that count; the final price can only be the same or lower.
    public var unitPrice: Money
    public var amountToAuthorise: Money
    /// This join reaches the minimum: the store sets `tipped_at` and emits `group_deal.tipped` with it.
    public var tips: Bool

    public init(participantNumber: Int, unitPrice: Money, amountToAuthorise: Money, tips: Bool) {
        self.participantNumber = participantNumber
        self.unitPrice = unitPrice
        self.amountToAuthorise = amountToAuthorise
        self.tips = tips
    }
}
