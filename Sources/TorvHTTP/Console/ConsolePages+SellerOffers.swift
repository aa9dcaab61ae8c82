import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Sellers
import TorvCore

/// A seller's offers and their commission plan: the operator's view of what a seller lists, and the
/// plan move the API's `setSellerPlan` makes, with its permission.
extension ConsolePages {
    func registerSellerOffers(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace/sellers/:seller/offers") { request, context in
            await page(request, context, permission: .marketplaceSellersRead) { visit in
                try await sellerOffers(request, id: context.parameters.get("seller") ?? "", visit: visit)
            }
        }
        router.post("/admin/marketplace/sellers/:seller/plan") { request, context in
            await post(request, context, permission: .marketplaceSellersManage) { visit, form in
                try await setSellerPlan(request, id: context.parameters.get("seller") ?? "", form: form, visit: visit)
            }
        }
    }

    static let sellerOffersPageSize = 25

    private func sellerOffers(_ request: Request, id raw: String, visit: StaffVisit) async throws -> Response {
        let id = try pathID(raw, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let after = FormData(urlEncoded: request.uri.query ?? "")["after"].flatMap(SellerOfferID.init)
        let (sellers, limit) = (platform.sellers, Self.sellerOffersPageSize)
        let (seller, fetched) = try await platform.database.read { db in
            (
                try await sellers.seller(id, on: db),
                try await sellers.offers(of: id, after: after, limit: limit + 1, on: db)
            )
        }
        let shown = Array(fetched.prefix(limit))
        let view = SellerOffersView(
            seller: seller, offers: shown, next: fetched.count > limit ? shown.last?.id : nil,
            isLaterPage: after != nil, tabs: MarketplaceTab.tabs(current: .sellers, visit: visit), settings: settings)
        return try render(
            "console-seller-offers", title: "Offers by \(seller.displayName)", section: .marketplace, view: view,
            visit: visit, request: request)
    }

    /// Moves the seller to the typed plan once per form key; a plan code the domain refuses is shown
    /// beside the form with what was typed.
    private func setSellerPlan(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let plan = (form["plan"] ?? "").trimmingCharacters(in: .whitespaces)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.marketplace.plan"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (sellers, actor) = (platform.sellers, visit.actor)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.setPlan(id, plan: plan, by: actor, on: db)
                }
            } catch let error as ValidationError {
                let message = "The plan " + (error.fieldErrors.first?.message ?? "is not valid") + "."
                return .refused(
                    try await sellerPage(
                        request, id: raw, visit: visit, planForm: SellerPlanForm(plan: plan, problem: message),
                        status: .unprocessableContent))
            }
            return .redirect("/admin/marketplace/sellers/\(id.rawValue)?plan=1")
        }
    }
}
