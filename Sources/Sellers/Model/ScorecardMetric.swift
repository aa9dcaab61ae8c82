/// One measure of how a seller treats buyers, as the scorecard reports it.
public enum ScorecardMetric: String, Sendable, Hashable, Codable, CaseIterable {
    /// Average star rating in hundredths of a star (465 is 4.65 stars); lower is worse.
    case rating
    /// Orders shipped by their promised date, in basis points of the orders shipped; lower is worse.
    case onTimeShipment = "on_time_shipment"
    /// Orders cancelled by the seller, in basis points of the orders; higher is worse.
    case cancellation
    /// Orders returned, in basis points of the orders; higher is worse.
    case returns
    /// Average time to answer a buyer's message, in seconds; higher is worse.
    case responseTime = "response_time"

    /// Whether a larger value is a worse one; decides which way a threshold is crossed.
    public var higherIsWorse: Bool {
        switch self {
        case .rating, .onTimeShipment: false
        case .cancellation, .returns, .responseTime: true
        }
    }

    /// `"4.65 stars"`, `"2.5 %"`, `"26 h 30 min"`: a value the way a seller reads it.
    public func text(_ value: Int) -> String {
        switch self {
        case .rating: Self.starsText(hundredths: value)
        case .onTimeShipment, .cancellation, .returns: BasisPoints.percentText(value)
        case .responseTime: Self.durationText(seconds: value)
        }
    }

    /// `465` → `"4.65 stars"`.
    static func starsText(hundredths: Int) -> String {
        let rest = hundredths.magnitude % 100
        return "\(hundredths < 0 ? "-" : "")\(hundredths.magnitude / 100).\(rest < 10 ? "0" : "")\(rest) stars"
    }

    static func durationText(seconds: Int) -> String {
        let minutes = (seconds + 30) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        if hours == 0 { return "\(rest) min" }
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }
}
