import Catalog
import Foundation
import TorvCore

/// Creates a price list as the API's `createPriceList` does: a sale with a window and a higher
/// priority, or prices for one customer group, in one channel and currency.
struct PriceListFormView {
    let priceListKey: String
    let priceListError: String?
    /// Open when refused, so the message and what was typed are in view.
    let priceListOpen: Bool
    let priceListChannels: [FilterOption]
    let priceListFields: [CatalogFormField]

    init(channels: [SalesChannel], failure: CatalogEditingFailure?, settings: ShopSettings) {
        func typed(_ name: String) -> String? { failure?.typed(name, in: .priceList) }
        let zone = settings.timeZone.identifier
        priceListKey = FormGuard.randomToken()
        priceListError = failure?.message(for: .priceList)
        priceListOpen = priceListError != nil
        let channel = typed("channel") ?? settings.channel
        priceListChannels = channels.map {
            FilterOption(optionValue: $0.code, optionLabel: $0.name, optionSelected: channel == $0.code)
        }
        priceListFields = [
            CatalogFormField("name", "Name", form: "price-list", value: "", typed: typed("name"), required: true),
            CatalogFormField(
                "currency", "Currency", form: "price-list", value: settings.currency.code, typed: typed("currency"),
                required: true),
            CatalogFormField(
                "priority", "Priority", form: "price-list", type: "number", value: "10", typed: typed("priority"),
                required: true, hint: "Where several lists price a SKU, the highest priority wins; base prices are 0."),
            CatalogFormField(
                "customer_group", "Customer group", form: "price-list", value: "", typed: typed("customer_group"),
                hint: "Empty: every shopper."),
            CatalogFormField(
                "starts_at", "Starts (\(zone) time)", form: "price-list", type: "datetime-local", value: "",
                typed: typed("starts_at"), hint: "Empty: at once."),
            CatalogFormField(
                "ends_at", "Ends (\(zone) time)", form: "price-list", type: "datetime-local", value: "",
                typed: typed("ends_at"), hint: "Empty: open-ended."),
        ]
    }
}
