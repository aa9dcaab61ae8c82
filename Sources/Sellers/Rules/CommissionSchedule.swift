public import TorvCore

/// The marketplace's commission: which rule prices a line, and the fee it sets.
///
/// **Which rule.** A rule matches a line when every field it sets matches: its seller is the line's seller,
/// its category is on the line's category path, its plan is the seller's plan. A rule whose fixed or minimum
/// amount is in another currency than the line does not match at all (rather than dropping its money parts
/// and charging only the percentage, which would be a price nobody agreed to); a percentage-only rule fits
/// every currency. Of the matching rules the most specific wins, in the order ``CommissionSpecificity``
/// documents. ``validate(_:)`` refuses two rules with the same scope, so for a valid schedule the winner is
/// unique; for an unvalidated one, equally specific rules fall back to the lowest ID, then the earliest.
///
/// **The fee.** `round-half-even(line amount × rate) + fixed per item × quantity`, raised to the rule's
/// minimum, then capped at the line amount: the platform never takes more than the sale. The fee is also
/// never negative, whatever an unvalidated rule says. The line amount is the unit price × quantity, so the
/// percentage is rounded once per line, not once per unit.
public enum CommissionSchedule {
    /// Picks the most specific matching rule and computes the fee. With no matching rule the fee is zero
    /// and `ruleID` is `nil`.
    ///
    /// Throws `.invalidAmount` for a negative quantity or unit price, and `.overflow` when the line amount
    /// does not fit in 64 bits.
    public static func quote(_ line: CommissionLine, rules: [CommissionRule]) throws(MoneyError) -> CommissionQuote {
        guard line.quantity >= 0 else { throw .invalidAmount("the quantity must not be negative") }
        guard !line.unitPrice.isNegative else { throw .invalidAmount("the unit price must not be negative") }
        let lineAmount = try line.unitPrice.multiplied(by: Int64(line.quantity))
        guard let rule = mostSpecificRule(for: line, in: rules) else {
            let explanation =
                "no commission rule applies to seller \(line.sellerID), plan \(line.sellerPlan)"
                + (line.categoryPath.first.map { ", category \($0)" } ?? "")
            return CommissionQuote(fee: .zero(lineAmount.currency), ruleID: nil, explanation: explanation)
        }
        return try fee(of: lineAmount, quantity: line.quantity, by: rule)
    }

    /// ``quote(_:rules:)`` for a line whose amount is not unit price × quantity: what the buyer actually
    /// paid for it after discounts. The rule is chosen by the line's scope as usual; the percentage and the
    /// cap apply to `amount`, the fixed part to the units.
    public static func quote(
        _ line: CommissionLine, paying amount: Money, rules: [CommissionRule]
    ) throws(MoneyError) -> CommissionQuote {
        guard line.quantity >= 0 else { throw .invalidAmount("the quantity must not be negative") }
        guard !amount.isNegative else { throw .invalidAmount("the amount must not be negative") }
        guard let rule = mostSpecificRule(for: line, in: rules) else {
            return CommissionQuote(
                fee: .zero(amount.currency), ruleID: nil,
                explanation: "no commission rule applies to seller \(line.sellerID), plan \(line.sellerPlan)")
        }
        return try fee(of: amount, quantity: line.quantity, by: rule)
    }

    /// The rule ``quote(_:rules:)`` applies to `line`, or `nil` when none matches.
    public static func mostSpecificRule(for line: CommissionLine, in rules: [CommissionRule]) -> CommissionRule? {
        var best: (rule: CommissionRule, specificity: CommissionSpecificity)?
        for rule in rules {
            guard let specificity = specificity(of: rule, for: line) else { continue }
            guard let current = best else {
                best = (rule, specificity)
                continue
            }
            if current.specificity < specificity || current.specificity == specificity && rule.id < current.rule.id {
                best = (rule, specificity)
            }
        }
        return best?.rule
    }

    /// How specifically `rule` fits `line`, or `nil` when it does not match (a set field differs, or its
    /// money is in another currency).
    public static func specificity(of rule: CommissionRule, for line: CommissionLine) -> CommissionSpecificity? {
        let currency = line.unitPrice.currency
        if let fixed = rule.fixedPerItem, fixed.currency != currency { return nil }
        if let minimum = rule.minimumPerLine, minimum.currency != currency { return nil }
        if let seller = rule.sellerID, seller != line.sellerID { return nil }
        if let plan = rule.plan, plan != line.sellerPlan { return nil }
        var distance: Int?
        if let category = rule.categoryID {
            guard let index = line.categoryPath.firstIndex(of: category) else { return nil }
            distance = index
        }
        return CommissionSpecificity(seller: rule.sellerID != nil, categoryDistance: distance, plan: rule.plan != nil)
    }

    /// The fee `rule` sets for a line worth `lineAmount`, whose money is in the line's currency.
    static func fee(
        of lineAmount: Money, quantity: Int, by rule: CommissionRule
    ) throws(MoneyError) -> CommissionQuote {
        let percentage = try lineAmount.scaled(
            by: Int64(rule.percentBasisPoints), over: Int64(BasisPoints.whole), rounding: .halfEven)
        var fee = percentage
        var steps: [String] = []
        if rule.percentBasisPoints != 0 || rule.fixedPerItem == nil {
            steps.append("\(BasisPoints.percentText(rule.percentBasisPoints)) of \(lineAmount)")
        }
        if let fixed = rule.fixedPerItem {
            fee = try fee.adding(fixed.multiplied(by: Int64(quantity)))
            steps.append((steps.isEmpty ? "" : "+ ") + "\(fixed) × \(quantity)")
        }
        var calculation = steps.joined(separator: " ")
        if let minimum = rule.minimumPerLine {
            calculation += ", at least \(minimum)"
            if fee.amount < minimum.amount { fee = minimum }
        }
        if fee.amount > lineAmount.amount {
            calculation += ", at most the line's \(lineAmount)"
            fee = lineAmount
        }
        if fee.isNegative { fee = .zero(lineAmount.currency) }
        let explanation = "\(calculation) = \(fee) (rule \(rule.id): \(scopeText(rule)))"
        return CommissionQuote(fee: fee, ruleID: rule.id, explanation: explanation)
    }

    /// `"seller sel_1, category cat_books, plan pro"`, or `"every sale"` for the catch-all rule.
    static func scopeText(_ rule: CommissionRule) -> String {
        let parts = [
            rule.sellerID.map { "seller \($0)" }, rule.categoryID.map { "category \($0)" },
            rule.plan.map { "plan \($0)" },
        ]
        let named = parts.compactMap(\.self)
        return named.isEmpty ? "every sale" : named.joined(separator: ", ")
    }
}
