import Catalog
import Flows
import Foundation
import Sellers
import TorvCore

/// The fees page: the commission schedule in the order it is kept, a form to add a rule, a button to
/// remove each, and a calculator that prices a line by the same schedule a sale uses.
struct CommissionScheduleView {
    let feeRules: [FeeRuleRow]
    let hasFeeRules: Bool
    let mayEditFees: Bool
    let feeNotice: String?
    let feeProblem: String?
    let feeForm: FeeRuleFormView
    let feeQuote: FeeQuoteView
    let marketplaceTabs: [MarketplaceTab]

    init(
        rules: [CommissionRule], sellerNames: [SellerID: String], categories: [Category], mayEdit: Bool,
        notice: String?, typed: CommissionRuleForm, problems: CommissionRuleFormProblems?, quote: FeeQuoteView,
        tabs: [MarketplaceTab], settings: ShopSettings
    ) {
        let paths = FeeQuoteView.categoryPaths(categories)
        feeRules = rules.map { rule in
            var scope: [String] = []
            if let seller = rule.sellerID {
                scope.append("seller " + (SellerID(seller).flatMap { sellerNames[$0] } ?? seller))
            }
            if let category = rule.categoryID { scope.append("category " + (paths[category] ?? category)) }
            if let plan = rule.plan { scope.append("plan " + plan) }
            return FeeRuleRow(
                ruleID: rule.id, ruleScope: scope.isEmpty ? "Every sale" : scope.joined(separator: ", "),
                ruleRate: BasisPoints.percentText(rule.percentBasisPoints),
                ruleFixed: rule.fixedPerItem.map(settings.money) ?? "—",
                ruleMinimum: rule.minimumPerLine.map(settings.money) ?? "—", ruleRemoveKey: FormGuard.randomToken())
        }
        hasFeeRules = !rules.isEmpty
        mayEditFees = mayEdit
        feeNotice = notice
        feeProblem = problems?.schedule
        feeForm = FeeRuleFormView(
            typed: typed, problems: problems, categories: paths, currency: settings.currency)
        feeQuote = quote
        marketplaceTabs = tabs
    }
}

struct FeeRuleRow {
    let ruleID: String
    let ruleScope: String
    let ruleRate: String
    let ruleFixed: String
    let ruleMinimum: String
    let ruleRemoveKey: String
}

/// The add-a-rule form with what was typed and a message beside each field that was wrong.
struct FeeRuleFormView {
    let feeFormKey: String
    let feeCurrency: String
    let feeSellerValue: String
    let feeSellerProblem: String?
    let feeCategoryOptions: [FilterOption]
    let feePlanValue: String
    let feePlanProblem: String?
    let feePercentValue: String
    let feePercentProblem: String?
    let feeFixedValue: String
    let feeFixedProblem: String?
    let feeMinimumValue: String
    let feeMinimumProblem: String?

    init(
        typed: CommissionRuleForm, problems: CommissionRuleFormProblems?, categories: [String: String],
        currency: Currency
    ) {
        feeFormKey = FormGuard.randomToken()
        feeCurrency = currency.code
        feeSellerValue = typed.seller
        feeSellerProblem = problems?.seller
        feeCategoryOptions = FeeQuoteView.categoryOptions(
            categories, selected: typed.category, anyLabel: "Any category")
        feePlanValue = typed.plan
        feePlanProblem = problems?.plan
        feePercentValue = typed.percent
        feePercentProblem = problems?.percent
        feeFixedValue = typed.fixedPerItem
        feeFixedProblem = problems?.fixedPerItem
        feeMinimumValue = typed.minimumPerLine
        feeMinimumProblem = problems?.minimumPerLine
    }
}

/// The fee calculator: a seller, a category, a unit price and a quantity in; the fee and how the
/// schedule arrived at it out.
struct FeeQuoteView {
    let quoteSellerValue: String
    let quoteCategoryOptions: [FilterOption]
    let quotePriceValue: String
    let quoteQuantityValue: String
    let quoteFee: String?
    let quoteExplanation: String?
    let quoteProblem: String?

    init(
        seller: String, category: String, price: String, quantity: String, categories: [Category],
        fee: String? = nil, explanation: String? = nil, problem: String? = nil
    ) {
        quoteSellerValue = seller
        let paths = FeeQuoteView.categoryPaths(categories)
        quoteCategoryOptions = Self.categoryOptions(paths, selected: category, anyLabel: "No category")
        quotePriceValue = price
        quoteQuantityValue = quantity
        quoteFee = fee
        quoteExplanation = explanation
        quoteProblem = problem
    }

    /// Each category's path in words ("Home › Kitchen"), by ID.
    static func categoryPaths(_ categories: [Category]) -> [String: String] {
        Dictionary(
            CatalogListView.paths(of: categories).map { ($0.id.rawValue, $0.path) }, uniquingKeysWith: { a, _ in a })
    }

    static func categoryOptions(_ paths: [String: String], selected: String, anyLabel: String) -> [FilterOption] {
        [FilterOption(optionValue: "", optionLabel: anyLabel, optionSelected: selected.isEmpty)]
            + paths.sorted { $0.value.localizedStandardCompare($1.value) == .orderedAscending }.map {
                FilterOption(optionValue: $0.key, optionLabel: $0.value, optionSelected: $0.key == selected)
            }
    }
}
