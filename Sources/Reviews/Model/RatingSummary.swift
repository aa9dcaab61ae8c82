/// A product's published ratings: how many, their average and how they spread over the stars.
public struct RatingSummary: Sendable, Hashable, Codable {
    public let count: Int
    /// Average × 100, rounded half up (465 = 4.65 stars); nil without ratings.
    public let averageHundredths: Int?
    /// Count per star, index 0 = one star.
    public let histogram: [Int]

    public init(histogram: [Int]) {
        precondition(histogram.count == 5, "five stars")
        self.histogram = histogram
        let count = histogram.reduce(0, +)
        self.count = count
        let stars = histogram.enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element }
        self.averageHundredths = count == 0 ? nil : (stars * 200 + count) / (2 * count)
    }

    public static let empty = RatingSummary(histogram: [0, 0, 0, 0, 0])
}
