import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import TorvCore

/// The console's Promotions area: promotions with their coupons, campaigns, flash sales and group deals, over
/// the calls and flows the admin API's promotion operations use, with the permissions they declare
/// (`promotions.read` to look, `promotions.manage` to change).
extension ConsolePages {
    func registerPromotions(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await promotionList(request, visit: visit)
            }
        }
        registerCampaigns(on: router)
        registerFlashSales(on: router)
        registerGroupDeals(on: router)
        registerPromotionRuleForm(on: router)
        router.get("/admin/promotions/:promotion") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await promotionPage(request, id: context.parameters.get("promotion") ?? "", visit: visit)
            }
        }
        router.get("/admin/promotions/:promotion/coupons.csv") { request, context in
            await page(request, context, permission: .promotionsRead) { _ in
                try await couponsCSV(request, id: context.parameters.get("promotion") ?? "")
            }
        }
        router.post("/admin/promotions/:promotion/switch") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await switchPromotion(
                    request, id: context.parameters.get("promotion") ?? "", form: form, visit: visit)
            }
        }
        router.post("/admin/promotions/:promotion/coupons") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await createCoupons(
                    request, id: context.parameters.get("promotion") ?? "", form: form, visit: visit)
            }
        }
    }

    private func promotionList(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        // An unknown status shows everything: it comes from an old link, not from typing.
        let filter = query["status"].flatMap(PromotionRuleView.Status.init(rawValue:))
        let promotions = platform.promotions
        let (records, campaigns) = try await platform.database.read { db in
            (try await promotions.promotions(on: db), try await promotions.campaigns(on: db))
        }
        let view = PromotionListView(
            records, campaigns: campaigns, filter: filter, mayManage: visit.may(.promotionsManage),
            now: platform.clock.now(), settings: settings)
        return try render(
            "console-promotions", title: "Promotions", section: .promotions, view: view, visit: visit,
            request: request)
    }

    func promotionPage(
        _ request: Request, id raw: String, visit: StaffVisit, switchError: String? = nil,
        couponFailure: PromotionCouponForm.Failure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let id = PromotionID(raw) else { throw PromotionsError.promotionNotFound }
        let query = FormData(urlEncoded: request.method == .get ? request.uri.query ?? "" : "")
        let after = query["coupons_after"].flatMap(CouponID.init)
        let (promotions, limit) = (platform.promotions, PromotionPageView.couponPageSize)
        let (record, campaign, fetched) = try await platform.database.read { db in
            let record = try await promotions.promotion(id.rawValue, on: db)
            var campaign: Campaign?
            if let campaignID = record.campaignID { campaign = try await promotions.campaign(campaignID, on: db) }
            return (
                record, campaign,
                try await promotions.coupons(of: id.rawValue, limit: limit + 1, after: after, on: db)
            )
        }
        let coupons = Array(fetched.prefix(limit))
        let view = PromotionPageView(
            record, campaign: campaign, coupons: coupons, couponsNext: fetched.count > limit ? coupons.last?.id : nil,
            mayManage: visit.may(.promotionsManage),
            notice: query["done"].flatMap(PromotionPageView.Notice.init(rawValue:)), switchError: switchError,
            couponForm: couponFailure, now: platform.clock.now(), settings: settings)
        return try render(
            "console-promotion", title: record.promotion.name, section: .promotions, view: view, visit: visit,
            request: request, status: status)
    }

    /// Every code of the promotion (or of one batch, `?batch=`) as CSV, for mailings and printers.
    private func couponsCSV(_ request: Request, id raw: String) async throws -> Response {
        guard let id = PromotionID(raw) else { throw PromotionsError.promotionNotFound }
        let batch = FormData(urlEncoded: request.uri.query ?? "")["batch"].flatMap(CouponBatchID.init)
        let promotions = platform.promotions
        let coupons = try await platform.database.read { db in
            _ = try await promotions.promotion(id.rawValue, on: db)
            // Paged through the same keyset read the coupon list uses; a batch's codes share one creation
            // instant, so once a page goes past them there are no more.
            var all: [Coupon] = []
            var after: CouponID?
            while true {
                let page = try await promotions.coupons(of: id.rawValue, limit: 1_000, after: after, on: db)
                let wanted = page.filter { batch == nil || $0.batchID == batch }
                all += wanted
                let passedBatch = batch != nil && !all.isEmpty && wanted.count < page.count
                guard page.count == 1_000, !passedBatch, let last = page.last else { break }
                after = last.id
            }
            return all
        }
        let rows =
            ["code,usage_limit,per_customer_limit,uses,expires_at,active"]
            + coupons.map { coupon in
                [
                    coupon.code, coupon.usageLimit.map(String.init) ?? "",
                    coupon.perCustomerLimit.map(String.init) ?? "",
                    String(coupon.uses), coupon.expiresAt.map { $0.formatted(.iso8601) } ?? "",
                    coupon.isActive ? "yes" : "no",
                ].joined(separator: ",")
            }
        let name = "coupons-\(id.rawValue)\(batch.map { "-\($0.rawValue)" } ?? "").csv"
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(name)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: rows.joined(separator: "\r\n") + "\r\n")))
    }
}

extension Permission {
    static let promotionsRead: Permission = "promotions.read"
    static let promotionsManage: Permission = "promotions.manage"
}
