import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import SQLKit
import TorvCore

/// The promotion page's forms: switching a promotion on or off (as the API's `updatePromotion` with the
/// same rule does) and creating coupons (as `createCoupons`). Each runs once per form key; a refusal is
/// shown next to its form and changes nothing.
extension ConsolePages {
    func switchPromotion(_ request: Request, id raw: String, form: FormData, visit: StaffVisit) async throws -> Response
    {
        guard let id = PromotionID(raw) else { throw PromotionsError.promotionNotFound }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.switch"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            guard let target = form["switch"], target == "on" || target == "off" else {
                return .refused(
                    try await promotionPage(
                        request, id: raw, visit: visit, switchError: "Choose to switch the promotion on or off.",
                        status: .unprocessableContent))
            }
            let (promotions, actor) = (platform.promotions, visit.actor)
            let current = try await platform.database.read { db in try await promotions.promotion(id.rawValue, on: db) }
            do {
                let save: @Sendable (any SQLDatabase) async throws -> (PromotionRecord, [PromotionConflict]) = { db in
                    let latest = try await promotions.promotion(id.rawValue, on: db)
                    return try await promotions.update(
                        id.rawValue, to: latest.promotion, isActive: target == "on", campaignID: latest.campaignID,
                        by: actor, on: db)
                }
                if target == "on" {
                    // Through the fake-discount check, as the API's update: switching on offers the reduction again.
                    _ = try await HonestPrices.save(save, campaignID: current.campaignID, on: platform)
                } else {
                    // Taking a reduction away can never mislead shoppers, so it is never refused as a fake discount.
                    _ = try await platform.database.inTransaction { db in try await save(db) }
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return .refused(
                    try await promotionPage(
                        request, id: raw, visit: visit, switchError: ConsoleFormRefusal.sentence(error),
                        status: status))
            }
            let notice: PromotionPageView.Notice = target == "on" ? .switchedOn : .switchedOff
            return .redirect(notice.location(of: id.rawValue))
        }
    }

    func createCoupons(_ request: Request, id raw: String, form: FormData, visit: StaffVisit) async throws -> Response {
        guard let id = PromotionID(raw) else { throw PromotionsError.promotionNotFound }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.coupons"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            func refused(_ message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome {
                .refused(
                    try await promotionPage(
                        request, id: raw, visit: visit,
                        couponFailure: PromotionCouponForm.Failure(message: message, form: form), status: status))
            }
            let new: NewCoupons
            switch Self.newCoupons(form, timeZone: settings.timeZone) {
            case .success(let parsed): new = parsed
            case .failure(let problem): return try await refused(problem.message, status: .unprocessableContent)
            }
            let (promotions, actor) = (platform.promotions, visit.actor)
            let created: [Coupon]
            do {
                created = try await platform.database.inTransaction { db in
                    try await promotions.createCoupons(for: id.rawValue, new, by: actor, on: db)
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refused(Self.sentence(error, labels: Self.couponLabels), status: status)
            }
            guard new.count > 0, let batch = created.first?.batchID else {
                return .redirect(PromotionPageView.Notice.couponCreated.location(of: id.rawValue))
            }
            // Generated codes are shown once; a repeat of the post goes to the promotion, where the list and
            // the CSV download still hold them.
            let record = try await platform.database.read { db in try await promotions.promotion(id.rawValue, on: db) }
            let view = CouponBatchView(record, batch: batch, codes: created.map(\.code))
            return .shownOnce(
                try render(
                    "console-coupon-batch", title: "New coupon codes", section: .promotions, view: view, visit: visit,
                    request: request, status: .created),
                replay: PromotionPageView.Notice.couponsCreated.location(of: id.rawValue))
        }
    }

    struct PromotionFormProblem: Error {
        let message: String
    }

    /// The coupon form as the domain's ``NewCoupons``: either one code or a count, whole-number limits, and
    /// an expiry typed as wall-clock time in the shop's zone.
    static func newCoupons(_ form: FormData, timeZone: TimeZone) -> Result<NewCoupons, PromotionFormProblem> {
        let code = form["code"] ?? ""
        let countText = form["count"] ?? ""
        guard code.isEmpty != countText.isEmpty else {
            return .failure(
                PromotionFormProblem(message: "Fill in either a code or how many codes to generate, not both."))
        }
        guard let count = countText.isEmpty ? 0 : Int(countText) else {
            return .failure(PromotionFormProblem(message: "How many must be a whole number from 1 to 10000."))
        }
        func limit(_ name: String, _ label: String) -> Result<Int?, PromotionFormProblem> {
            let text = form[name] ?? ""
            guard !text.isEmpty else { return .success(nil) }
            guard let value = Int(text) else {
                return .failure(
                    PromotionFormProblem(message: "\(label) must be a whole number, or empty for no limit."))
            }
            return .success(value)
        }
        let usageLimit: Int?
        let perCustomerLimit: Int?
        switch (limit("usage_limit", "Orders in all"), limit("per_customer_limit", "Orders per customer")) {
        case (.success(let all), .success(let each)): (usageLimit, perCustomerLimit) = (all, each)
        case (.failure(let problem), _), (_, .failure(let problem)): return .failure(problem)
        }
        let expiresText = form["expires_at"] ?? ""
        var expiresAt: Date?
        if !expiresText.isEmpty {
            guard let instant = CampaignSchedule.instant(expiresText, in: timeZone.identifier) else {
                return .failure(
                    PromotionFormProblem(message: "The expiry must be a date and time, such as 2027-01-31T23:59."))
            }
            expiresAt = instant
        }
        return .success(
            NewCoupons(
                codes: code.isEmpty ? [] : [code], count: count, prefix: form["prefix"] ?? "", usageLimit: usageLimit,
                perCustomerLimit: perCustomerLimit, expiresAt: expiresAt))
    }

    static let couponLabels = [
        "codes": "The code", "count": "How many", "prefix": "The prefix", "usage_limit": "Orders in all",
        "per_customer_limit": "Orders per customer", "expires_at": "The expiry",
    ]

    /// The domain's field errors named by the form's labels (`/usage_limit` → "Orders in all").
    static func sentence(_ error: any DomainError, labels: [String: String]) -> String {
        guard !error.fieldErrors.isEmpty else { return error.message }
        return error.fieldErrors.map { field in
            let name = field.pointer.split(separator: "/").first.map(String.init) ?? ""
            return "\(labels[name] ?? "The form") \(field.message)."
        }
        .joined(separator: " ")
    }
}
