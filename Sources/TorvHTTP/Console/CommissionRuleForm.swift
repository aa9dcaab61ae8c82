import Foundation
import Sellers
import TorvCore

/// A commission rule as staff type it on the fees page: a scope (seller, category, plan; empty means any)
/// and a price (a percentage, a fixed amount per item, a minimum per line in the shop's currency).
struct CommissionRuleForm: Sendable {
    var seller = ""
    var category = ""
    var plan = ""
    var percent = ""
    var fixedPerItem = ""
    var minimumPerLine = ""

    init() {}

    init(_ form: FormData) {
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        seller = field("seller")
        category = field("category")
        plan = field("plan")
        percent = field("percent")
        fixedPerItem = field("fixed_per_item")
        minimumPerLine = field("minimum_per_line")
    }

    /// The rule, or every problem with what was typed. The seller is already resolved to its ID by the
    /// caller (staff may type a handle); whether the schedule as a whole stays unambiguous is the domain's
    /// ``CommissionSchedule/validate(_:)`` to say.
    func rule(id: String, sellerID: SellerID?, currency: Currency) -> Result<CommissionRule, CommissionRuleFormProblems>
    {
        var problems = CommissionRuleFormProblems()
        let basisPoints = BasisPoints.fromPercent(percent.isEmpty ? "0" : percent)
        if basisPoints.map({ $0 > BasisPoints.whole }) ?? true {
            problems.percent = "Write the percentage as a number from 0 to 100 with at most two decimals, like 12.5."
        }
        func amount(_ typed: String, _ what: String) -> (Money?, String?) {
            guard !typed.isEmpty else { return (nil, nil) }
            guard let money = try? Money.parse(typed, currency: currency), !money.isNegative else {
                return (nil, "Write the \(what) as an amount in \(currency.code) like 0.30, or leave it empty.")
            }
            return (money, nil)
        }
        let (fixed, fixedProblem) = amount(fixedPerItem, "fixed amount per item")
        let (minimum, minimumProblem) = amount(minimumPerLine, "minimum per line")
        problems.fixedPerItem = fixedProblem
        problems.minimumPerLine = minimumProblem
        if !plan.isEmpty, !plan.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) {
            problems.plan = "A plan is a code in small letters, digits and underscores, like standard or pro."
        }
        guard problems.isEmpty, let basisPoints else { return .failure(problems) }
        return .success(
            CommissionRule(
                id: id, sellerID: sellerID?.rawValue, categoryID: category.isEmpty ? nil : category,
                plan: plan.isEmpty ? nil : plan, percentBasisPoints: basisPoints, fixedPerItem: fixed,
                minimumPerLine: minimum))
    }
}

/// What is wrong with a typed rule, field by field, and with the schedule it would make.
struct CommissionRuleFormProblems: Error, Sendable {
    var seller: String?
    var percent: String?
    var fixedPerItem: String?
    var minimumPerLine: String?
    var plan: String?
    var schedule: String?

    var isEmpty: Bool {
        [seller, percent, fixedPerItem, minimumPerLine, plan, schedule].allSatisfy { $0 == nil }
    }
}
