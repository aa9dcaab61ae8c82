/// Where one scorecard metric turns from good to a warning, and from a warning to a suspension.
///
/// A value *worse* than a limit crosses it: above it for rates of bad things (cancellations, returns,
/// response time), below it for rating and on-time shipment. A value exactly at the limit has not crossed it,
/// so "cancellations above 2.5 %" reads the same in code, in the rate card and in the seller's e-mail.
public struct MetricThreshold: Sendable, Hashable, Codable {
    /// Crossing this warns the seller.
    public var warn: Int
    /// Crossing this suspends a seller who was warned before; `nil` when the metric alone never suspends.
    public var suspend: Int?
    /// Below this many orders, shipments, ratings or answered messages the metric is reported but decides
    /// nothing: one cancelled order out of one is bad luck, not a pattern.
    public var minimumSample: Int

    public init(warn: Int, suspend: Int?, minimumSample: Int) {
        self.warn = warn
        self.suspend = suspend
        self.minimumSample = minimumSample
    }
}

/// The marketplace's performance standards: a threshold per metric and how a warning leads to a suspension.
///
/// A seller is suspended only after a warning that is still in force (issued less than
/// ``warningLifetimeDays`` ago) and at least ``gracePeriodDays`` old: every seller is told first and gets time
/// to improve before losing their shop.
public struct ScorecardThresholds: Sendable, Hashable, Codable {
    public var rating: MetricThreshold
    public var onTimeShipment: MetricThreshold
    public var cancellation: MetricThreshold
    public var returns: MetricThreshold
    public var responseTime: MetricThreshold
    /// Days between a warning and the earliest suspension it allows.
    public var gracePeriodDays: Int
    /// Days a warning stays in force; after that a seller must be warned again before being suspended.
    public var warningLifetimeDays: Int

    public init(
        rating: MetricThreshold,
        onTimeShipment: MetricThreshold,
        cancellation: MetricThreshold,
        returns: MetricThreshold,
        responseTime: MetricThreshold,
        gracePeriodDays: Int,
        warningLifetimeDays: Int
    ) {
        self.rating = rating
        self.onTimeShipment = onTimeShipment
        self.cancellation = cancellation
        self.returns = returns
        self.responseTime = responseTime
        self.gracePeriodDays = gracePeriodDays
        self.warningLifetimeDays = warningLifetimeDays
    }

    /// The defaults a new marketplace starts with, close to the standards large marketplaces publish so that
    /// sellers who trade elsewhere meet familiar numbers:
    /// - **Rating** below 4.0 stars warns, below 3.5 suspends, from 10 ratings: under 4 stars buyers start to
    ///   avoid a shop; 10 ratings keep one angry review from deciding.
    /// - **On-time shipment** below 95 % warns, below 90 % suspends, from 20 shipments: one parcel in ten late
    ///   is what buyers complain about in reviews.
    /// - **Cancellation** above 2.5 % warns, above 5 % suspends, from 20 orders: a seller cancellation is
    ///   almost always stock the seller did not have, the order a buyer cannot get back.
    /// - **Returns** above 10 % warns and never suspends alone, from 20 orders: many returns are the buyer's
    ///   right (fashion, distance selling), so a high rate asks for a look at the listings, not a sanction.
    /// - **Response time** above 24 h warns, above 72 h suspends, from 5 answered messages: a buyer who waits
    ///   three days for an answer opens a dispute instead.
    /// - A warning stays in force 90 days and allows a suspension after 14: two weeks is enough to restock,
    ///   change carriers or answer the inbox, and 90 days covers a full scorecard window.
    public static let marketplaceDefault = ScorecardThresholds(
        rating: MetricThreshold(warn: 400, suspend: 350, minimumSample: 10),
        onTimeShipment: MetricThreshold(warn: 9_500, suspend: 9_000, minimumSample: 20),
        cancellation: MetricThreshold(warn: 250, suspend: 500, minimumSample: 20),
        returns: MetricThreshold(warn: 1_000, suspend: nil, minimumSample: 20),
        responseTime: MetricThreshold(warn: 24 * 3_600, suspend: 72 * 3_600, minimumSample: 5),
        gracePeriodDays: 14,
        warningLifetimeDays: 90
    )

    public subscript(metric: ScorecardMetric) -> MetricThreshold {
        get {
            switch metric {
            case .rating: rating
            case .onTimeShipment: onTimeShipment
            case .cancellation: cancellation
            case .returns: returns
            case .responseTime: responseTime
            }
        }
        set {
            switch metric {
            case .rating: rating = newValue
            case .onTimeShipment: onTimeShipment = newValue
            case .cancellation: cancellation = newValue
            case .returns: returns = newValue
            case .responseTime: responseTime = newValue
            }
        }
    }
}
