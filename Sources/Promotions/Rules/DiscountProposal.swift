import TorvCore

/// What one promotion would take off, per line (by index into the cart) and off the shipping, before the
/// budget cap. Every part is already within what is left of its target.
struct DiscountProposal {
    var lines: [Int64]
    var shipping: Int64 = 0
    var gift: GiftGrant?
    var nextTier: TierProgress?

    init(lineCount: Int) {
        lines = Array(repeating: 0, count: lineCount)
    }

    var total: Int128 {
        lines.reduce(Int128(shipping)) { $0 + Int128($1) }
    }

    /// Scales the parts down so they add up to `cap`, by largest remainder in proportion to the parts, so
    /// a budget that cuts a promotion short never truncates one line more than another.
    mutating func cap(at cap: Int64, in currency: Currency) {
        guard total > Int128(cap) else { return }
        let parts = Proportion.allocate(max(0, cap), over: lines + [shipping], in: currency)
        lines = Array(parts.dropLast())
        shipping = parts.last ?? 0
    }
}
