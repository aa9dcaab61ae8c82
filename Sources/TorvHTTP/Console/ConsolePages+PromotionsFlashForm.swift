import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import TorvCore

/// Planning a flash sale from the console, through the flow the API's `createFlashSale` calls: the
/// allocation is held out of stock and the price checked against the shop's honest-price rules.
extension ConsolePages {
    func createFlashSale(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.flash_create"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            func refused(_ message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome {
                .refused(try await flashSaleList(request, visit: visit, failure: (message, form), status: status))
            }
            let new: NewFlashSale
            do {
                new = try await newFlashSale(form)
            } catch let problem as PromotionFormProblem {
                return try await refused(problem.message, status: .unprocessableContent)
            }
            let created: (sale: FlashSale, warnings: [HonestPrices.Warning])
            do {
                created = try await FlashSales.create(new, by: visit.actor, on: platform)
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refused(Self.sentence(error, labels: Self.flashLabels), status: status)
            }
            let location = "/admin/promotions/flash-sales/\(created.sale.id.rawValue)"
            guard !created.warnings.isEmpty else { return .redirect(location) }
            let warnings = created.warnings.map { warning in
                let detail = warning.detail
                return "\(created.sale.sku): the regular price was raised from \(settings.money(detail.raise.from)) "
                    + "to \(settings.money(detail.raise.to)) on \(settings.date(detail.raise.at)); shoppers paid "
                    + "\(settings.money(detail.lowestInLookback)) recently."
            }
            return .shownOnce(
                try await flashSalePage(
                    request, id: created.sale.id.rawValue, visit: visit, warnings: warnings, status: .created),
                replay: location)
        }
    }

    static let flashLabels = [
        "title": "The title", "price": "The sale price", "quantity": "Units allocated",
        "per_customer_limit": "Units per customer", "starts_at": "Starts", "ends_at": "Ends",
        "admissions_per_minute": "Shoppers admitted per minute", "hold_minutes": "Minutes to claim",
        "variant_id": "The SKU", "campaign_id": "The campaign",
    ]

    /// The form as the flow's ``NewFlashSale``; what cannot be read is refused in the form's words.
    private func newFlashSale(_ form: FormData) async throws -> NewFlashSale {
        let reader = PromotionFormReader(form: form, settings: settings)
        let variant = try await reader.variant(on: platform)
        let campaign = form["campaign_id"] ?? ""
        return NewFlashSale(
            title: form["title"] ?? "", variantID: variant.id.rawValue, channel: settings.channel,
            price: try reader.money("price", "The sale price"),
            quantity: try reader.whole("quantity", "Units allocated"),
            perCustomerLimit: try reader.whole("per_customer_limit", "Units per customer"),
            startsAt: try reader.moment("starts_at", "Starts"), endsAt: try reader.moment("ends_at", "Ends"),
            admissionsPerMinute: try reader.whole("admissions_per_minute", "Shoppers admitted per minute"),
            holdMinutes: try reader.whole("hold_minutes", "Minutes to claim"),
            campaignID: campaign.isEmpty ? nil : CampaignID(campaign))
    }
}

/// Reads the planning forms' fields (a SKU, amounts in the shop's currency, whole numbers, wall-clock times
/// in the shop's zone), refusing what cannot be read in the form's own words.
struct PromotionFormReader {
    let form: FormData
    let settings: ShopSettings

    func variant(on platform: Platform) async throws -> Variant {
        let sku = form["sku"] ?? ""
        let catalog = platform.catalog
        guard !sku.isEmpty,
            let variant = try? await platform.database.read({ db in try await catalog.variant(sku: sku, on: db) })
        else { throw ConsolePages.PromotionFormProblem(message: "No variant has the SKU \u{201C}\(sku)\u{201D}.") }
        return variant
    }

    func money(_ name: String, _ label: String) throws -> Money {
        guard let amount = try? Money.parse(form[name] ?? "", currency: settings.currency) else {
            throw ConsolePages.PromotionFormProblem(
                message: "\(label) must be written like 4.50 (in \(settings.currency.code)).")
        }
        return amount
    }

    func whole(_ name: String, _ label: String) throws -> Int {
        guard let value = Int(form[name] ?? "") else {
            throw ConsolePages.PromotionFormProblem(message: "\(label) must be a whole number.")
        }
        return value
    }

    func moment(_ name: String, _ label: String) throws -> Date {
        guard let date = CampaignSchedule.instant(form[name] ?? "", in: settings.timeZone.identifier) else {
            throw ConsolePages.PromotionFormProblem(
                message: "\(label) must be a date and time, such as 2027-11-27T09:00.")
        }
        return date
    }
}
