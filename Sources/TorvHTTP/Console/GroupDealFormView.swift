import Foundation
import TorvCore

/// Sets up a group deal as the API's `createGroupDeal` does: the variant by its SKU, up to three price
/// tiers, and the opening and deadline as wall-clock times in the shop's zone.
struct GroupDealFormView {
    static let tierCount = 3

    let dealFormKey: String
    let dealFormError: String?
    let dealFormFields: [FlashSaleFormView.Field]
    let dealFormTiers: [Tier]

    struct Tier {
        let tierLegend: String
        let tierFields: [FlashSaleFormView.Field]
    }

    init(failure: (message: String, form: FormData)?, settings: ShopSettings) {
        let typed = failure?.form
        dealFormKey = FormGuard.randomToken()
        dealFormError = failure?.message
        let zone = settings.timeZone.identifier
        func field(
            _ name: String, _ label: String, type: String = "text", value: String = "", required: Bool = true
        )
            -> FlashSaleFormView.Field
        {
            FlashSaleFormView.Field(
                name, label, prefix: "deal", type: type, value: value, required: required, typed: typed)
        }
        dealFormFields = [
            field("title", "Title"), field("sku", "SKU"),
            field("min_participants", "Participants needed", type: "number"),
            field("max_participants", "Most participants (empty for no limit)", type: "number", required: false),
            field("max_quantity", "Units per participant", type: "number", value: "1"),
            field("opens_at", "Opens (\(zone) time)", type: "datetime-local"),
            field("deadline", "Deadline (\(zone) time)", type: "datetime-local"),
            field("voucher_valid_days", "Days a voucher stays valid", type: "number", value: "90"),
        ]
        dealFormTiers = (1...Self.tierCount).map { index in
            Tier(
                tierLegend: index == 1 ? "Price tier 1" : "Price tier \(index) (optional)",
                tierFields: [
                    field("tier_\(index)_from", "From participants", type: "number", required: index == 1),
                    field(
                        "tier_\(index)_price", "Price per unit, in \(settings.currency.code)", required: index == 1),
                ])
        }
    }
}
