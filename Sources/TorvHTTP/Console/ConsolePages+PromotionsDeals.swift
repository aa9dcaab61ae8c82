import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Promotions
import TorvCore

/// Group deals in the console, read as the API's `listGroupDeals` and `getGroupDeal` read them, and their
/// vouchers redeemed at the till as `redeemGroupDealVoucher` does.
extension ConsolePages {
    func registerGroupDeals(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions/group-deals") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await groupDealList(request, visit: visit)
            }
        }
        router.post("/admin/promotions/group-deals") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await createGroupDeal(request, form: form, visit: visit)
            }
        }
        router.post("/admin/promotions/group-deals/vouchers") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await redeemVoucher(request, form: form, visit: visit)
            }
        }
        router.get("/admin/promotions/group-deals/:deal") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                let id = try pathID(
                    context.parameters.get("deal") ?? "", as: GroupDealID.self,
                    notFound: PromotionsError.groupDealNotFound)
                let shown = try await GroupDeals.showing(id, on: platform)
                let redeemed = FormData(urlEncoded: request.uri.query ?? "")["done"] == "redeemed"
                return try render(
                    "console-deal", title: shown.deal.title, section: .promotions,
                    view: GroupDealPageView(shown, redeemed: redeemed, settings: settings), visit: visit,
                    request: request)
            }
        }
    }

    func groupDealList(
        _ request: Request, visit: StaffVisit, failure: (message: String, form: FormData)? = nil,
        dealFailure: (message: String, form: FormData)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let shown = try await GroupDeals.showing(on: platform, all: true)
        let manages = visit.may(.promotionsManage)
        let view = GroupDealListView(
            shown, voucherForm: manages ? GroupDealVoucherView(failure: failure) : nil,
            dealForm: manages ? GroupDealFormView(failure: dealFailure, settings: settings) : nil, settings: settings)
        return try render(
            "console-deals", title: "Group deals", section: .promotions, view: view, visit: visit, request: request,
            status: status)
    }

    private func redeemVoucher(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.voucher"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let deal: GroupDeal
            do {
                deal = try await GroupDeals.redeemVoucher(form["code"] ?? "", by: visit.actor, on: platform).deal
            } catch let error as PromotionsError
                where [.voucherNotFound, .voucherAlreadyRedeemed, .voucherExpired].contains(error)
            {
                return .refused(
                    try await groupDealList(
                        request, visit: visit, failure: (error.message, form), status: Problem(error).status))
            }
            return .redirect("/admin/promotions/group-deals/\(deal.id.rawValue)?done=redeemed")
        }
    }
}
