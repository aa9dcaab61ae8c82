import TorvCore

extension Promotion {
    /// Every fixed amount in the definition, in a stable order.
    var amounts: [Money] {
        var amounts: [Money] = []
        switch action {
        case .amountOffOrder(let amount), .amountOffEachItem(let amount), .fixedPrice(let amount):
            amounts.append(amount)
        case .spendTiers(let tiers):
            amounts += tiers.map(\.threshold)
        case .percentOff, .buyXGetY, .freeShipping, .freeGift:
            break
        }
        for case .minimumSubtotal(let minimum) in conditions {
            amounts.append(minimum)
        }
        if let maximum = budget.maxDiscount { amounts.append(maximum) }
        return amounts
    }
}
