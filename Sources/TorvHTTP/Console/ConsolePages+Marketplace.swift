import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Sellers
import TorvCore

/// The console's marketplace: sellers by lifecycle state, a seller's page with the operator's lifecycle
/// moves, and payouts, over the same Sellers calls and flows the admin API's marketplace operations use,
/// with the permissions they declare.
extension ConsolePages {
    func registerMarketplace(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace") { request, context in
            await page(request, context, permission: .marketplaceSellersRead) { _ in
                HTMLResponse.redirect(to: "/admin/marketplace/sellers")
            }
        }
        router.get("/admin/marketplace/sellers") { request, context in
            await page(request, context, permission: .marketplaceSellersRead) { visit in
                try await sellerList(request, visit: visit)
            }
        }
        router.get("/admin/marketplace/sellers/:seller") { request, context in
            await page(request, context, permission: .marketplaceSellersRead) { visit in
                let query = FormData(urlEncoded: request.uri.query ?? "")
                let notice =
                    query["adjusted"] == "1"
                    ? "The balance was corrected; the seller sees the note on their statement."
                    : query["plan"] == "1"
                        ? "The seller's plan was changed; their sales from now on are priced by it."
                        : query["moved"].flatMap(SellerStatus.init(rawValue:)).map {
                            "The seller is now \(SellerWords.status($0).lowercased())."
                        }
                return try await sellerPage(
                    request, id: context.parameters.get("seller") ?? "", visit: visit, notice: notice)
            }
        }
        router.post("/admin/marketplace/sellers/:seller/transitions") { request, context in
            await post(request, context, permission: .marketplaceSellersManage) { visit, form in
                try await transitionSeller(
                    request, id: context.parameters.get("seller") ?? "", form: form, visit: visit)
            }
        }
        router.post("/admin/marketplace/sellers/:seller/adjustments") { request, context in
            await post(request, context, permission: .marketplacePayoutsManage) { visit, form in
                try await adjustSeller(request, id: context.parameters.get("seller") ?? "", form: form, visit: visit)
            }
        }
        registerModeration(on: router)
        registerCases(on: router)
        registerPayouts(on: router)
        registerFees(on: router)
        registerSellerOffers(on: router)
    }

    static let sellersPageSize = 25

    private func sellerList(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        // Unknown filter values show everything rather than an error: they come from old links, not typing.
        let status = query["status"].flatMap(SellerStatus.init(rawValue:))
        let after = query["after"].flatMap(SellerID.init)
        let (sellers, limit) = (platform.sellers, Self.sellersPageSize)
        let fetched = try await platform.database.read { db in
            try await sellers.sellers(status: status, after: after, limit: limit + 1, on: db)
        }
        let shown = Array(fetched.prefix(limit))
        let view = SellerListView(
            status: status, sellers: shown, next: fetched.count > limit ? shown.last?.id : nil,
            isLaterPage: after != nil, tabs: MarketplaceTab.tabs(current: .sellers, visit: visit), settings: settings)
        return try render(
            "console-sellers", title: "Sellers", section: .marketplace, view: view, visit: visit, request: request)
    }

    /// The seller's page. The balance is for staff who may read payouts, as on the API.
    func sellerPage(
        _ request: Request, id raw: String, visit: StaffVisit, notice: String? = nil,
        failure: SellerTransitionFailure? = nil, adjustForm: SellerAdjustForm? = nil, planForm: SellerPlanForm? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(raw, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let (sellers, now, withBalance) = (platform.sellers, platform.clock.now(), visit.may(.marketplacePayoutsRead))
        let (seller, history, offers, balances) = try await platform.database.read { db in
            (
                try await sellers.seller(id, on: db), try await sellers.history(of: id, on: db),
                try await sellers.offerCounts(of: id, on: db),
                withBalance ? try await sellers.balances(of: id, at: now, on: db) : nil
            )
        }
        let scorecard = try await SellerScorecards.current(id, on: platform)
        let view = SellerPageView(
            seller: seller, history: history, scorecard: scorecard, offers: offers, balances: balances,
            adjustForm: visit.may(.marketplacePayoutsManage)
                ? adjustForm ?? SellerAdjustForm(currency: settings.currency) : nil,
            planForm: visit.may(.marketplaceSellersManage) ? planForm ?? SellerPlanForm(plan: seller.plan) : nil,
            mayTransition: visit.may(.marketplaceSellersManage), notice: notice, failure: failure, settings: settings)
        return try render(
            "console-seller", title: seller.displayName, section: .marketplace, view: view, visit: visit,
            request: request, status: status)
    }

    /// Moves the seller as the API's `transitionSeller` does, once per form key; a refusal (a move the
    /// lifecycle does not allow, a missing reason, incomplete onboarding) is shown on the seller's page.
    private func transitionSeller(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let target = form["to"].flatMap(SellerStatus.init(rawValue:))
        let reason = form["reason"] ?? ""
        guard let target else {
            return try await sellerPage(
                request, id: raw, visit: visit,
                failure: SellerTransitionFailure(
                    target: nil, reason: reason, message: "Choose one of the moves the page offers."),
                status: .unprocessableContent)
        }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.transition"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            do {
                let (sellers, identity, actor) = (platform.sellers, platform.identity, visit.actor)
                _ = try await platform.database.inTransaction { db in
                    let seller = try await sellers.transition(
                        id, to: target, reason: reason.isEmpty ? nil : reason, as: .operator, by: actor,
                        requestID: RequestInfo.requestID, on: db)
                    // A closed seller's people are signed out at once, as the API does.
                    if target == .closed { try await identity.endSellerSessions(of: id.rawValue, on: db) }
                    return seller
                }
                return .redirect("/admin/marketplace/sellers/\(id.rawValue)?moved=\(target.rawValue)")
            } catch let error as SellersError where error != .sellerNotFound {
                return .refused(
                    try await sellerPage(
                        request, id: raw, visit: visit,
                        failure: SellerTransitionFailure(
                            target: target, reason: reason, message: ConsoleFormRefusal.sentence(error)),
                        status: ConsoleFormRefusal.status(of: error) ?? .unprocessableContent))
            }
        }
    }
}

extension ConsolePages {
    /// Corrects the balance as the API's `createSellerAdjustment` does, once per form key (which also keys
    /// the movement, as the API's `Idempotency-Key` does); a refusal is shown next to the form.
    private func adjustSeller(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let (typed, note) = ((form["amount"] ?? "").trimmingCharacters(in: .whitespaces), form["note"] ?? "")
        let refuse = { (problem: String, status: HTTPResponse.Status) in
            try await sellerPage(
                request, id: raw, visit: visit,
                adjustForm: SellerAdjustForm(currency: settings.currency, amount: typed, note: note, problem: problem),
                status: status)
        }
        guard let amount = try? Money.parse(typed, currency: settings.currency), !amount.isZero else {
            return try await refuse(
                "The amount must not be zero, written like 12.50 to credit or -12.50 to debit "
                    + "(in \(settings.currency.code)).", .unprocessableContent)
        }
        let key = "\(visit.actor.kind):\(visit.actor.id):console:\(form[FormReplay.fieldName] ?? "")"
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.adjustment"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (sellers, actor) = (platform.sellers, visit.actor)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.adjust(
                        id, amount: amount, note: note, reference: nil, key: key, by: actor, on: db)
                }
            } catch let error as PayoutError {
                return .refused(
                    try await refuse(
                        ConsoleFormRefusal.sentence(error),
                        ConsoleFormRefusal.status(of: error) ?? .unprocessableContent))
            }
            return .redirect("/admin/marketplace/sellers/\(id.rawValue)?adjusted=1")
        }
    }
}

extension Permission {
    static let marketplaceSellersRead: Permission = "marketplace.sellers.read"
    static let marketplaceSellersManage: Permission = "marketplace.sellers.manage"
    static let marketplacePayoutsRead: Permission = "marketplace.payouts.read"
    static let marketplacePayoutsManage: Permission = "marketplace.payouts.manage"
}

/// The marketplace area's own tabs, each shown only to staff who may open it.
struct MarketplaceTab {
    let tabHref: String
    let tabLabel: String
    let tabCurrent: Bool

    enum Page { case sellers, moderation, cases, payouts, fees }

    static func tabs(current: Page, visit: StaffVisit) -> [MarketplaceTab] {
        let all: [(Page, String, String, Permission)] = [
            (.sellers, "/admin/marketplace/sellers", "Sellers", .marketplaceSellersRead),
            (.moderation, "/admin/marketplace/moderation", "Moderation", .reviewsRead),
            (.cases, "/admin/marketplace/cases", "Cases", .marketplaceSellersRead),
            (.payouts, "/admin/marketplace/payouts", "Payouts", .marketplacePayoutsRead),
            (.fees, "/admin/marketplace/fees", "Fees", .marketplaceFeesRead),
        ]
        return all.filter { visit.may($0.3) }.map {
            MarketplaceTab(tabHref: $0.1, tabLabel: $0.2, tabCurrent: $0.0 == current)
        }
    }
}
