import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Sellers
import TorvCore

/// The platform's fees: the commission schedule as the API's `getCommissionRules` reads it, rules added
/// and removed one at a time over the same validation `setCommissionRules` applies, and a calculator that
/// prices a line as a sale would.
extension ConsolePages {
    func registerFees(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace/fees") { request, context in
            await page(request, context, permission: .marketplaceFeesRead) { visit in
                let done = FormData(urlEncoded: request.uri.query ?? "")["done"]
                let notice: String? =
                    switch done {
                    case "added": "The rule was added; it prices sales from now on."
                    case "removed": "The rule was removed; sales from now on are priced without it."
                    default: nil
                    }
                return try await feesPage(request, visit: visit, notice: notice)
            }
        }
        router.post("/admin/marketplace/fees/rules") { request, context in
            await post(request, context, permission: .marketplaceFeesManage) { visit, form in
                try await addFeeRule(request, form: form, visit: visit)
            }
        }
        router.post("/admin/marketplace/fees/rules/:rule/removal") { request, context in
            await post(request, context, permission: .marketplaceFeesManage) { visit, form in
                try await removeFeeRule(
                    context.parameters.get("rule") ?? "", request: request, form: form, visit: visit)
            }
        }
    }

    private func feesPage(
        _ request: Request, visit: StaffVisit, notice: String? = nil, typed: CommissionRuleForm = .init(),
        problems: CommissionRuleFormProblems? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let (sellers, catalog) = (platform.sellers, platform.catalog)
        let (rules, categories, names) = try await platform.database.read { db in
            let rules = try await sellers.commissionRules(on: db)
            let named = rules.compactMap { $0.sellerID.flatMap(SellerID.init) }
            return (rules, try await catalog.categories(on: db), try await sellers.displayNames(of: named, on: db))
        }
        let view = CommissionScheduleView(
            rules: rules, sellerNames: names, categories: categories, mayEdit: visit.may(.marketplaceFeesManage),
            notice: notice, typed: typed, problems: problems,
            quote: try await feeQuote(FormData(urlEncoded: request.uri.query ?? ""), categories: categories),
            tabs: MarketplaceTab.tabs(current: .fees, visit: visit), settings: settings)
        return try render(
            "console-marketplace-fees", title: "Fees", section: .marketplace, view: view, visit: visit,
            request: request, status: status)
    }

    /// The calculator's answer for the query's line, or the form alone when nothing was asked yet.
    private func feeQuote(_ query: FormData, categories: [Category]) async throws -> FeeQuoteView {
        let (seller, category) = (query["quote_seller"] ?? "", query["quote_category"] ?? "")
        let (price, quantity) = (query["quote_price"] ?? "", query["quote_quantity"] ?? "1")
        func answer(fee: String? = nil, explanation: String? = nil, problem: String? = nil) -> FeeQuoteView {
            FeeQuoteView(
                seller: seller, category: category, price: price, quantity: quantity, categories: categories,
                fee: fee, explanation: explanation, problem: problem)
        }
        guard query["quote_price"] != nil else { return answer() }
        guard let sellerID = try await resolveSeller(seller) else {
            return answer(problem: "No seller has the ID or handle “\(seller)”.")
        }
        guard let unitPrice = try? Money.parse(price, currency: settings.currency), unitPrice.isPositive,
            let units = Int(quantity), (1...10_000).contains(units)
        else {
            return answer(
                problem: "Write a unit price in \(settings.currency.code) like 24.90 and a quantity from 1 to 10000.")
        }
        let categoryID = category.isEmpty ? nil : CategoryID(category)
        do {
            let quote = try await Marketplace.feePreview(
                for: sellerID, categoryID: categoryID, unitPrice: unitPrice, quantity: units, on: platform)
            return answer(fee: settings.money(quote.fee), explanation: quote.explanation)
        } catch let error as any DomainError {
            return answer(problem: ConsoleFormRefusal.sentence(error))
        }
    }

    /// A seller typed by ID or by handle; nil when neither names one.
    private func resolveSeller(_ typed: String) async throws -> SellerID? {
        let sellers = platform.sellers
        return try await platform.database.read { db in
            if let id = SellerID(typed), let seller = try? await sellers.seller(id, on: db) { return seller.id }
            return try? await sellers.seller(handle: typed, on: db).id
        }
    }

    /// Adds the typed rule at the end of the schedule once per form key; the schedule is amended as it
    /// stands when the form lands, so two staff adding rules at once both keep theirs.
    private func addFeeRule(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let typed = CommissionRuleForm(form)
        let refuse = { (problems: CommissionRuleFormProblems) in
            try await feesPage(
                request, visit: visit, typed: typed, problems: problems, status: .unprocessableContent)
        }
        var sellerID: SellerID?
        if !typed.seller.isEmpty {
            guard let found = try await resolveSeller(typed.seller) else {
                return try await refuse(
                    .init(seller: "No seller has this ID or handle; leave it empty for every seller."))
            }
            sellerID = found
        }
        let catalog = platform.catalog
        let categories = try await platform.database.read { db in try await catalog.categories(on: db) }
        if !typed.category.isEmpty, !categories.contains(where: { $0.id.rawValue == typed.category }) {
            return try await refuse(.init(schedule: "The category chosen no longer exists; choose another."))
        }
        let rule: CommissionRule
        switch typed.rule(id: platform.sellers.newCommissionRuleID(), sellerID: sellerID, currency: settings.currency) {
        case .success(let made): rule = made
        case .failure(let problems): return try await refuse(problems)
        }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.fee_rule"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (sellers, actor) = (platform.sellers, visit.actor)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.amendCommissionRules(by: actor, on: db) { $0 + [rule] }
                }
            } catch let error as ValidationError {
                let message = error.fieldErrors.map { "This rule \($0.message)." }.joined(separator: " ")
                return .refused(try await refuse(.init(schedule: message)))
            }
            return .redirect("/admin/marketplace/fees?done=added")
        }
    }

    /// Removes one rule once per form key; a rule someone else removed already counts as removed.
    private func removeFeeRule(
        _ ruleID: String, request: Request, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.fee_rule_removal"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (sellers, actor) = (platform.sellers, visit.actor)
            _ = try await platform.database.inTransaction { db in
                try await sellers.amendCommissionRules(by: actor, on: db) { rules in
                    rules.filter { $0.id != ruleID }
                }
            }
            return .redirect("/admin/marketplace/fees?done=removed")
        }
    }
}

extension Permission {
    static let marketplaceFeesRead: Permission = "marketplace.fees.read"
    static let marketplaceFeesManage: Permission = "marketplace.fees.manage"
}
