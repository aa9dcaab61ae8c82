import Foundation
import Promotions
import TorvCore

/// Plans a flash sale as the API's `createFlashSale` does, with the variant named by its SKU and the
/// window typed as wall-clock times in the shop's zone.
struct FlashSaleFormView {
    let flashFormKey: String
    let flashFormError: String?
    let flashFormZone: String
    let flashFormCurrency: String
    let flashFormFields: [Field]
    let flashFormCampaigns: [FilterOption]

    struct Field {
        let fieldName: String
        let fieldID: String
        let fieldLabel: String
        let fieldType: String
        let fieldValue: String
        let fieldRequired: Bool

        /// A field filled with what was typed into a refused form, else `value`.
        init(
            _ name: String, _ label: String, prefix: String, type: String = "text", value: String = "",
            required: Bool = true, typed: FormData?
        ) {
            fieldName = name
            fieldID = prefix + "-" + name.replacingOccurrences(of: "_", with: "-")
            fieldLabel = label
            fieldType = type
            fieldValue = typed?[name] ?? value
            fieldRequired = required
        }
    }

    init(failure: (message: String, form: FormData)?, campaigns: [Campaign], settings: ShopSettings) {
        let typed = failure?.form
        flashFormKey = FormGuard.randomToken()
        flashFormError = failure?.message
        flashFormZone = settings.timeZone.identifier
        flashFormCurrency = settings.currency.code
        func field(_ name: String, _ label: String, type: String = "text", value: String = "") -> Field {
            Field(name, label, prefix: "flash", type: type, value: value, typed: typed)
        }
        flashFormFields = [
            field("title", "Title"),
            field("sku", "SKU"),
            field("price", "Sale price, in \(settings.currency.code) (such as 4.50)"),
            field("quantity", "Units allocated", type: "number"),
            field("per_customer_limit", "Units per customer", type: "number", value: "1"),
            field("starts_at", "Starts (\(settings.timeZone.identifier) time)", type: "datetime-local"),
            field("ends_at", "Ends (\(settings.timeZone.identifier) time)", type: "datetime-local"),
            field("admissions_per_minute", "Shoppers admitted per minute", type: "number", value: "600"),
            field("hold_minutes", "Minutes to claim once admitted", type: "number", value: "10"),
        ]
        let chosen = typed?["campaign_id"] ?? ""
        flashFormCampaigns =
            [FilterOption(optionValue: "", optionLabel: "None", optionSelected: chosen.isEmpty)]
            + campaigns.map {
                FilterOption(
                    optionValue: $0.id.rawValue, optionLabel: $0.name, optionSelected: chosen == $0.id.rawValue)
            }
    }
}
