/// A seller's performance over one window as rates, and the verdict the marketplace's standards give it.
///
/// Rates are integers, rounded half up once: basis points for shares of orders (0.01 % steps), hundredths of a
/// star for the rating, whole seconds for the response time. The verdict compares those rounded values, so the
/// value a seller is shown is exactly the value that was judged; no `Double` takes part in a decision.
///
/// A metric with no sample at all (no orders, no ratings) has no value; one with fewer than the threshold's
/// ``MetricThreshold/minimumSample`` has a value that decides nothing. Counts outside their meaning (negative,
/// or more late shipments than orders) are clamped into it, so a miscounted aggregate can never produce a rate
/// above 100 % or a crash.
public struct SellerScorecard: Sendable, Hashable {
    public var performance: SellerPerformance

    public init(_ performance: SellerPerformance) {
        self.performance = performance
    }

    /// Average stars × 100, from 100 to 500.
    public var ratingAverage: Int? {
        let count = performance.ratingCount
        guard count > 0 else { return nil }
        let sum = min(max(performance.ratingSum, count), 5 * count)
        return Self.ratio(sum, over: count, scale: 100, clamped: false)
    }

    /// Shipped on time, in basis points of everything shipped.
    public var onTimeShipmentRate: Int? {
        let shipped = sample(of: .onTimeShipment)
        guard shipped > 0 else { return nil }
        return Self.ratio(performance.shippedOnTime, over: shipped, scale: BasisPoints.whole)
    }

    /// Cancelled by the seller, in basis points of the orders.
    public var cancellationRate: Int? {
        guard performance.orders > 0 else { return nil }
        return Self.ratio(performance.cancelledBySeller, over: performance.orders, scale: BasisPoints.whole)
    }

    /// Returned, in basis points of the orders.
    public var returnRate: Int? {
        guard performance.orders > 0 else { return nil }
        return Self.ratio(performance.returned, over: performance.orders, scale: BasisPoints.whole)
    }

    /// Average seconds to answer a buyer's message.
    public var averageResponseSeconds: Int? {
        guard performance.messagesAnswered > 0 else { return nil }
        let total = max(0, performance.totalResponseSeconds)
        return Self.ratio(total, over: performance.messagesAnswered, scale: 1, clamped: false)
    }

    public func value(of metric: ScorecardMetric) -> Int? {
        switch metric {
        case .rating: ratingAverage
        case .onTimeShipment: onTimeShipmentRate
        case .cancellation: cancellationRate
        case .returns: returnRate
        case .responseTime: averageResponseSeconds
        }
    }

    /// How many orders, shipments, ratings or answered messages the metric's value rests on.
    public func sample(of metric: ScorecardMetric) -> Int {
        switch metric {
        case .rating: max(0, performance.ratingCount)
        case .onTimeShipment:
            // Saturating, so two huge counts cannot overflow.
            min(max(0, performance.shippedOnTime), Int.max - max(0, performance.shippedLate))
                + max(0, performance.shippedLate)
        case .cancellation, .returns: max(0, performance.orders)
        case .responseTime: max(0, performance.messagesAnswered)
        }
    }

    /// `part / whole × scale`, rounded half up, with `part` clamped to `0...whole` unless told otherwise. Full
    /// width arithmetic, so no count is too large.
    static func ratio(_ part: Int, over whole: Int, scale: Int, clamped: Bool = true) -> Int {
        precondition(whole > 0 && scale > 0)
        let part = clamped ? min(max(part, 0), whole) : max(part, 0)
        let (quotient, remainder) = whole.dividingFullWidth(scale.multipliedFullWidth(by: part))
        return remainder >= whole - remainder ? quotient + 1 : quotient
    }
}
