import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import TorvCore

/// Flash sales in the console: the list and a sale's page as the API's `listFlashSales` and `getFlashSale`
/// read them, and calling a sale off as `cancelFlashSale` does.
extension ConsolePages {
    func registerFlashSales(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions/flash-sales") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await flashSaleList(request, visit: visit)
            }
        }
        router.post("/admin/promotions/flash-sales") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await createFlashSale(request, form: form, visit: visit)
            }
        }
        router.get("/admin/promotions/flash-sales/:sale") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await flashSalePage(request, id: context.parameters.get("sale") ?? "", visit: visit)
            }
        }
        router.post("/admin/promotions/flash-sales/:sale/cancel") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await cancelFlashSale(request, id: context.parameters.get("sale") ?? "", form: form, visit: visit)
            }
        }
    }

    func flashSaleList(
        _ request: Request, visit: StaffVisit, failure: (message: String, form: FormData)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let promotions = platform.promotions
        let (sales, campaigns) = try await platform.database.read { db in
            (try await promotions.flashSales(on: db), try await promotions.campaigns(on: db))
        }
        let form =
            visit.may(.promotionsManage)
            ? FlashSaleFormView(failure: failure, campaigns: campaigns, settings: settings) : nil
        let view = FlashSaleListView(sales, form: form, now: platform.clock.now(), settings: settings)
        return try render(
            "console-flash-sales", title: "Flash sales", section: .promotions, view: view, visit: visit,
            request: request, status: status)
    }

    func flashSalePage(
        _ request: Request, id raw: String, visit: StaffVisit, cancelError: String? = nil, warnings: [String] = [],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(raw, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let shown = try await FlashSales.showing(id, on: platform)
        let promotions = platform.promotions
        let campaign = try await platform.database.read { db -> Campaign? in
            guard let campaignID = shown.sale.campaignID else { return nil }
            return try await promotions.campaign(campaignID, on: db)
        }
        let query = FormData(urlEncoded: request.method == .get ? request.uri.query ?? "" : "")
        let view = FlashSalePageView(
            shown, campaign: campaign, mayManage: visit.may(.promotionsManage), cancelled: query["done"] == "cancelled",
            cancelError: cancelError, warnings: warnings, settings: settings)
        return try render(
            "console-flash-sale", title: shown.sale.title, section: .promotions, view: view, visit: visit,
            request: request, status: status)
    }

    private func cancelFlashSale(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.flash_cancel"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            do {
                _ = try await FlashSales.cancel(id, by: visit.actor, on: platform)
            } catch let error as FlashSaleError where error != .notFound {
                return .refused(
                    try await flashSalePage(
                        request, id: raw, visit: visit, cancelError: error.message, status: Problem(error).status))
            }
            return .redirect("/admin/promotions/flash-sales/\(id.rawValue)?done=cancelled")
        }
    }
}
