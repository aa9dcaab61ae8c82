/// One account's lines in a currency, split around a period: the balance before it, and the debits
/// (positive) and credits (negative) within it.
public struct PeriodFigures: Sendable, Hashable {
    public var opening: Int64 = 0
    public var debits: Int64 = 0
    public var credits: Int64 = 0

    public init(opening: Int64 = 0, debits: Int64 = 0, credits: Int64 = 0) {
        self.opening = opening
        self.debits = debits
        self.credits = credits
    }

    public var movement: Int64 { debits + credits }
    public var closing: Int64 { opening + movement }
}
