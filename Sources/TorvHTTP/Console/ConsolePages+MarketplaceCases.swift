import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Sellers
import TorvCore

/// Trust and safety: reported offers, the seller's answer, and the operator's decision to take the offer
/// down or restore it, as the API's `listSellerCases` and `decideSellerCase` do, with their permissions.
extension ConsolePages {
    func registerCases(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace/cases") { request, context in
            await page(request, context, permission: .marketplaceSellersRead) { visit in
                let done = FormData(urlEncoded: request.uri.query ?? "")["done"]
                let notice: String? =
                    switch done {
                    case "taken_down": "The offer was taken down; it cannot go on sale again."
                    case "restored": "The offer was restored; the seller may put it back on sale."
                    default: nil
                    }
                return try await caseList(request, visit: visit, notice: notice)
            }
        }
        router.post("/admin/marketplace/cases/:case/decision") { request, context in
            await post(request, context, permission: .marketplaceSellersManage) { visit, form in
                try await decideCase(context.parameters.get("case") ?? "", request: request, form: form, visit: visit)
            }
        }
    }

    static let casesPageSize = 25

    func caseList(
        _ request: Request, visit: StaffVisit, notice: String? = nil, failure: CaseDecisionFailure? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let filter = query["status"].flatMap(CaseStatus.init(rawValue:))
        let after = query["after"].flatMap(SellerCaseID.init)
        let (sellers, limit) = (platform.sellers, Self.casesPageSize)
        let (fetched, names) = try await platform.database.read { db in
            let fetched = try await sellers.sellerCases(of: nil, status: filter, after: after, limit: limit + 1, on: db)
            return (fetched, try await sellers.displayNames(of: fetched.map(\.sellerID), on: db))
        }
        let shown = Array(fetched.prefix(limit))
        let view = CaseListView(
            status: filter, cases: shown, sellerNames: names, next: fetched.count > limit ? shown.last?.id : nil,
            mayDecide: visit.may(.marketplaceSellersManage), notice: notice, failure: failure,
            tabs: MarketplaceTab.tabs(current: .cases, visit: visit), settings: settings)
        return try render(
            "console-cases", title: "Cases", section: .marketplace, view: view, visit: visit, request: request,
            status: status)
    }

    /// Takes the offer down or restores it once per form key; a refusal (no reason, decided already) is
    /// shown next to the case.
    private func decideCase(
        _ raw: String, request: Request, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: SellerCaseID.self, notFound: SellersError.caseNotFound)
        let reason = form["reason"] ?? ""
        let takeDown = form["decision"] == "take_down"
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.case_decision"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (sellers, actor) = (platform.sellers, visit.actor)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.decide(id, takeDown: takeDown, reason: reason, by: actor, on: db)
                }
            } catch let error as SellersError where error != .caseNotFound {
                return .refused(
                    try await caseList(
                        request, visit: visit,
                        failure: CaseDecisionFailure(
                            caseID: id, reason: reason, message: ConsoleFormRefusal.sentence(error)),
                        status: ConsoleFormRefusal.status(of: error) ?? .unprocessableContent))
            }
            return .redirect("/admin/marketplace/cases?done=\(takeDown ? "taken_down" : "restored")")
        }
    }
}
