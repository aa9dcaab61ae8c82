import TorvCore

/// What is left to discount of each line and of the shipping while promotions apply one after another.
///
/// Every amount is in minor units of the cart's currency and never negative: each promotion is computed on
/// what the earlier ones left and takes at most that, which is how the engine guarantees that no line and
/// no shipping ever goes below zero, whatever the promotions say.
struct CartBalance {
    let cart: PromotionCart
    /// Each line's value before discounts; zero for lines the engine cannot discount (another currency, no
    /// units, a negative price). Saturated at Int64.max rather than trapping on absurd carts.
    let lineValues: [Int64]
    private(set) var lines: [Int64]
    private(set) var shipping: Int64

    init(cart: PromotionCart) {
        self.cart = cart
        lineValues = cart.lines.map { line in
            guard line.unitPrice.currency == cart.currency, line.quantity > 0, line.unitPrice.amount > 0 else {
                return 0
            }
            return Int64(clamping: Int128(line.unitPrice.amount) * Int128(line.quantity))
        }
        lines = lineValues
        if let price = cart.shipping, price.currency == cart.currency, price.amount > 0 {
            shipping = price.amount
        } else {
            shipping = 0
        }
    }

    /// Lines a promotion with this scope may look at: in scope, in the cart's currency, with units.
    func indices(in scope: LineScope) -> [Int] {
        cart.lines.indices.filter { index in
            let line = cart.lines[index]
            return line.unitPrice.currency == cart.currency && line.quantity > 0 && scope.contains(line)
        }
    }

    /// The in-scope value before any discount: what minimum subtotals and spend tiers are measured on.
    func valueBeforeDiscounts(of indices: [Int]) -> Int128 {
        indices.reduce(Int128(0)) { $0 + Int128(lineValues[$1]) }
    }

    func remaining(of indices: [Int]) -> Int128 {
        indices.reduce(Int128(0)) { $0 + Int128(lines[$1]) }
    }

    /// Takes a capped proposal off the balance; the caller guarantees every part is within what is left.
    mutating func take(_ proposal: DiscountProposal) {
        for (index, amount) in proposal.lines.enumerated() {
            precondition(amount >= 0 && amount <= lines[index])
            lines[index] -= amount
        }
        precondition(proposal.shipping >= 0 && proposal.shipping <= shipping)
        shipping -= proposal.shipping
    }
}
