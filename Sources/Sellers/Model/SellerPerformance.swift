/// What a seller did over one scorecard window (say the last 90 days), as counts the order, review and
/// messaging tables already hold. ``SellerScorecard`` turns them into rates and a verdict.
///
/// Counts rather than ready-made rates, so the scorecard knows each metric's sample size and can refuse to
/// judge a seller on too little evidence.
public struct SellerPerformance: Sendable, Hashable, Codable {
    /// Orders placed with the seller in the window: the base of the cancellation and return rates.
    public var orders: Int
    /// Orders handed to the carrier by their promised dispatch date.
    public var shippedOnTime: Int
    /// Orders handed to the carrier after their promised dispatch date.
    public var shippedLate: Int
    /// Orders the seller cancelled (out of stock, could not ship); buyer cancellations do not count.
    public var cancelledBySeller: Int
    /// Orders with at least one unit returned.
    public var returned: Int
    /// The sum of the buyers' star ratings, 1 to 5 each.
    public var ratingSum: Int
    public var ratingCount: Int
    /// Buyer messages the seller answered in the window.
    public var messagesAnswered: Int
    /// Seconds from each answered message to its first answer, added up.
    public var totalResponseSeconds: Int

    public init(
        orders: Int = 0,
        shippedOnTime: Int = 0,
        shippedLate: Int = 0,
        cancelledBySeller: Int = 0,
        returned: Int = 0,
        ratingSum: Int = 0,
        ratingCount: Int = 0,
        messagesAnswered: Int = 0,
        totalResponseSeconds: Int = 0
    ) {
        self.orders = orders
        self.shippedOnTime = shippedOnTime
        self.shippedLate = shippedLate
        self.cancelledBySeller = cancelledBySeller
        self.returned = returned
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
        self.messagesAnswered = messagesAnswered
        self.totalResponseSeconds = totalResponseSeconds
    }
}
