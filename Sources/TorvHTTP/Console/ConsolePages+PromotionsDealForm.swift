import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Promotions
import TorvCore

/// Setting up a group deal from the console, through the flow the API's `createGroupDeal` calls.
extension ConsolePages {
    func createGroupDeal(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.deal_create"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            func refused(_ message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome {
                .refused(
                    try await groupDealList(request, visit: visit, dealFailure: (message, form), status: status))
            }
            let draft: GroupDealDraft
            do {
                draft = try await groupDealDraft(form)
            } catch let problem as PromotionFormProblem {
                return try await refused(problem.message, status: .unprocessableContent)
            }
            let deal: GroupDeal
            do {
                deal = try await GroupDeals.create(draft, by: visit.actor, on: platform)
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refused(Self.sentence(error, labels: Self.dealLabels), status: status)
            }
            return .redirect("/admin/promotions/group-deals/\(deal.id.rawValue)")
        }
    }

    static let dealLabels = [
        "title": "The title", "variant_id": "The SKU", "tiers": "The price tiers",
        "min_participants": "Participants needed", "max_participants": "Most participants",
        "max_quantity_per_participant": "Units per participant", "opens_at": "Opens", "deadline": "The deadline",
        "voucher_valid_days": "Days a voucher stays valid",
    ]

    private func groupDealDraft(_ form: FormData) async throws -> GroupDealDraft {
        let reader = PromotionFormReader(form: form, settings: settings)
        let variant = try await reader.variant(on: platform)
        var tiers: [GroupDealTier] = []
        for index in 1...GroupDealFormView.tierCount {
            let (from, price) = ("tier_\(index)_from", "tier_\(index)_price")
            guard index == 1 || !(form[from] ?? "").isEmpty || !(form[price] ?? "").isEmpty else { continue }
            tiers.append(
                GroupDealTier(
                    fromParticipants: try reader.whole(from, "Tier \(index)'s participants"),
                    unitPrice: try reader.money(price, "Tier \(index)'s price")))
        }
        let most = form["max_participants"] ?? ""
        return GroupDealDraft(
            title: form["title"] ?? "", variantID: variant.id.rawValue, channel: settings.channel, tiers: tiers,
            minParticipants: try reader.whole("min_participants", "Participants needed"),
            maxParticipants: most.isEmpty ? nil : try reader.whole("max_participants", "Most participants"),
            maxQuantityPerParticipant: try reader.whole("max_quantity", "Units per participant"),
            opensAt: try reader.moment("opens_at", "Opens"), deadline: try reader.moment("deadline", "The deadline"),
            voucherValidDays: try reader.whole("voucher_valid_days", "Days a voucher stays valid"))
    }
}
