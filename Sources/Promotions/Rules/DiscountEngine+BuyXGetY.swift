import TorvCore

extension DiscountEngine {
    /// The classic reading of "buy X get Y": in-scope units are lined up from the most to the least expensive
    /// (equal prices by line ID), every `buy + get` units make a group, and the cheapest `groups × get` units
    /// of the whole cart get the reduction. Taking the cheapest units cart-wide, rather than the cheapest of
    /// each group, is what shoppers and most shops expect ("the cheapest one is free") and can never give
    /// more than the per-group reading. Among equally priced units the ones on the highest line ID are
    /// reduced first, which only matters for which line shows the discount.
    ///
    /// The reduction is taken from what is left of each line, pro rata per unit, rounded once per line.
    static func buyXGetY(
        buy: Int, get: Int, basisPointsOff: Int, maxApplications: Int?, indices: [Int], balance: CartBalance
    ) -> ProposedDiscount {
        let lines = balance.cart.lines
        let groupSize = Int128(max(buy, 1)) + Int128(max(get, 1))
        let units = indices.reduce(Int128(0)) { $0 + Int128(lines[$1].quantity) }
        var groups = units / groupSize
        if let maxApplications { groups = min(groups, Int128(max(maxApplications, 0))) }
        guard groups > 0 else {
            guard units < groupSize else { return .skip(.nothingLeftToDiscount) }
            return .skip(.minimumQuantity(missing: Int(groupSize - units)))
        }
        let cheapestFirst = indices.sorted { lhs, rhs in
            let left = lines[lhs]
            let right = lines[rhs]
            return left.unitPrice.amount != right.unitPrice.amount
                ? left.unitPrice.amount < right.unitPrice.amount : left.lineID > right.lineID
        }
        var proposal = DiscountProposal(lineCount: lines.count)
        var reduced = groups * Int128(max(get, 1))
        let rate = Int128(min(max(basisPointsOff, 0), 10_000))
        for index in cheapestFirst where reduced > 0 {
            let quantity = Int128(lines[index].quantity)
            let taken = min(quantity, reduced)
            reduced -= taken
            // value × taken × rate ÷ (quantity × 10000), one rounding; never above what is left of the line.
            proposal.lines[index] = Int64(
                Proportion.halfEven(Int128(balance.lines[index]), times: taken * rate, over: quantity * 10_000))
        }
        return .discount(proposal)
    }
}
