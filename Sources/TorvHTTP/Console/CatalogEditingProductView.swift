import Catalog
import Flows
import Foundation
import TorvCore

/// The editing forms on a product's page, for staff who may manage the catalog: its details, its
/// channels, its variants and (with the price permission) its prices. Each form carries its own key, so
/// each takes effect once.
struct ProductEditingView {
    let detailsKey: String
    let detailsError: String?
    let detailsFields: [CatalogFormField]
    let detailsDescription: String
    let detailsCategories: [FilterOption]
    let detailsTaxClasses: [FilterOption]

    let channelsKey: String
    let channelsError: String?
    let channelChoices: [CatalogFormChoice]

    let variantKey: String
    let variantError: String?
    let variantFields: [CatalogFormField]
    let variantOptionSelects: [OptionSelect]

    let generateForm: GenerateForm?
    let variantEdits: [VariantEdit]
    let priceForm: PriceForm?
    let priceListForm: PriceListFormView?

    /// The value of one option type for a new variant.
    struct OptionSelect {
        let selectName: String
        let selectID: String
        let selectLabel: String
        let selectOptions: [FilterOption]
    }

    /// Every missing combination of the ticked values becomes a variant.
    struct GenerateForm {
        let generateKey: String
        let generateError: String?
        let generateFields: [CatalogFormField]
        let generateAxes: [Axis]

        struct Axis {
            let axisLabel: String
            let axisValues: [CatalogFormChoice]
        }
    }

    /// One variant's SKU, barcode and weight, as the API's `updateCatalogVariant` changes them.
    struct VariantEdit {
        let editVariantID: String
        let editSKULabel: String
        let editKey: String
        let editError: String?
        let editOpen: Bool
        let editFields: [CatalogFormField]
    }

    /// A variant's price in a channel's base price list, as the API's `setVariantPrice` sets it.
    struct PriceForm {
        let priceKey: String
        let priceError: String?
        let priceVariants: [FilterOption]
        let priceChannels: [FilterOption]
        /// The channel's base prices first, then every other list (sales, customer groups).
        let priceLists: [FilterOption]
        let priceFields: [CatalogFormField]
    }

    init(
        _ overview: ProductOverview, categories: [Category], taxClasses: [TaxClass], channels: [SalesChannel],
        priceLists: [PriceList], mayPrice: Bool, failure: CatalogEditingFailure?, settings: ShopSettings
    ) {
        let product = overview.product
        let details = product.details
        func typed(_ name: String, _ form: CatalogEditingForm) -> String? { failure?.typed(name, in: form) }

        detailsKey = FormGuard.randomToken()
        detailsError = failure?.message(for: .details)
        let zone = settings.timeZone.identifier
        detailsFields = [
            CatalogFormField(
                "title", "Title", form: "details", value: details.title, typed: typed("title", .details),
                required: true),
            CatalogFormField(
                "slug", "Handle", form: "details", value: details.slug, typed: typed("slug", .details), required: true,
                hint: "The address in the shop: /products/<handle>."),
            CatalogFormField(
                "brand", "Brand", form: "details", value: details.brand ?? "", typed: typed("brand", .details)),
            CatalogFormField(
                "purchasable_from", "Purchasable from (\(zone) time)", form: "details", type: "datetime-local",
                value: details.purchasableFrom.map { Self.localInput($0, in: settings.timeZone) } ?? "",
                typed: typed("purchasable_from", .details),
                hint: "Before then shoppers see the product but cannot buy it. Empty: as soon as it is published."),
        ]
        detailsDescription = typed("description", .details) ?? details.description
        detailsCategories = ProductNewView.categoryOptions(
            categories, chosen: typed("category_id", .details) ?? details.categoryID?.rawValue ?? "")
        detailsTaxClasses = ProductNewView.taxClassOptions(
            taxClasses, chosen: typed("tax_class", .details) ?? details.taxClass)

        channelsKey = FormGuard.randomToken()
        channelsError = failure?.message(for: .channels)
        channelChoices = channels.map { channel in
            CatalogFormChoice(
                choiceName: "channel", choiceValue: channel.code, choiceID: "channels-\(channel.code)",
                choiceLabel: channel.name,
                choiceChecked: failure?.ticked("channel", channel.code, in: .channels)
                    ?? product.channels.contains(channel.code))
        }

        let types = product.optionTypes.compactMap { overview.optionTypes[$0] }
        variantKey = FormGuard.randomToken()
        variantError = failure?.message(for: .variant)
        variantFields = Self.variantFields(form: "variant", sku: "", barcode: "", weight: "") {
            typed($0, .variant)
        }
        variantOptionSelects = types.map { type in
            let chosen = typed("option_\(type.code)", .variant) ?? ""
            return OptionSelect(
                selectName: "option_\(type.code)", selectID: "variant-option-\(type.code)", selectLabel: type.name,
                selectOptions: type.values.map {
                    FilterOption(optionValue: $0.code, optionLabel: $0.name, optionSelected: chosen == $0.code)
                })
        }

        generateForm =
            types.isEmpty
            ? nil
            : GenerateForm(
                generateKey: FormGuard.randomToken(), generateError: failure?.message(for: .generate),
                generateFields: [
                    CatalogFormField(
                        "sku_base", "SKU start", form: "generate", value: "", typed: typed("sku_base", .generate),
                        required: true, hint: "SKUs become <start>-<VALUE>-<VALUE>, such as TEE-S-RED."),
                    CatalogFormField(
                        "weight_grams", "Weight of each, in grams", form: "generate", type: "number", value: "",
                        typed: typed("weight_grams", .generate)),
                ],
                generateAxes: types.map { type in
                    GenerateForm.Axis(
                        axisLabel: type.name,
                        axisValues: type.values.map { value in
                            CatalogFormChoice(
                                choiceName: "values_\(type.code)", choiceValue: value.code,
                                choiceID: "generate-\(type.code)-\(value.code)", choiceLabel: value.name,
                                choiceChecked: failure?.ticked("values_\(type.code)", value.code, in: .generate)
                                    ?? false)
                        })
                })

        variantEdits = overview.variants.map { variant in
            let id = variant.id.rawValue
            let error = failure?.message(for: .variantEdit, target: id)
            return VariantEdit(
                editVariantID: id, editSKULabel: variant.sku, editKey: FormGuard.randomToken(), editError: error,
                editOpen: error != nil,
                editFields: Self.variantFields(
                    form: "edit-\(id)", sku: variant.sku, barcode: variant.barcode ?? "",
                    weight: variant.weightGrams.map(String.init) ?? ""
                ) { failure?.typed($0, in: .variantEdit, target: id) })
        }

        priceForm =
            mayPrice && !overview.variants.isEmpty
            ? Self.priceForm(
                overview.variants, channels: channels, lists: priceLists, failure: failure, settings: settings) : nil
        priceListForm = mayPrice ? PriceListFormView(channels: channels, failure: failure, settings: settings) : nil
    }

    private static func variantFields(
        form: String, sku: String, barcode: String, weight: String, typed: (String) -> String?
    ) -> [CatalogFormField] {
        [
            CatalogFormField("sku", "SKU", form: form, value: sku, typed: typed("sku"), required: true),
            CatalogFormField(
                "barcode", "Barcode (GTIN)", form: form, value: barcode, typed: typed("barcode"),
                hint: "Empty: none."),
            CatalogFormField(
                "weight_grams", "Weight, in grams", form: form, type: "number", value: weight,
                typed: typed("weight_grams")),
        ]
    }

    private static func priceForm(
        _ variants: [Variant], channels: [SalesChannel], lists: [PriceList], failure: CatalogEditingFailure?,
        settings: ShopSettings
    ) -> PriceForm {
        func typed(_ name: String) -> String? { failure?.typed(name, in: .price) }
        let variant = typed("variant_id") ?? ""
        let channel = typed("channel") ?? settings.channel
        let list = typed("price_list_id") ?? ""
        return PriceForm(
            priceKey: FormGuard.randomToken(), priceError: failure?.message(for: .price),
            priceVariants: variants.map {
                FilterOption(
                    optionValue: $0.id.rawValue, optionLabel: $0.sku, optionSelected: variant == $0.id.rawValue)
            },
            priceChannels: channels.map {
                FilterOption(optionValue: $0.code, optionLabel: $0.name, optionSelected: channel == $0.code)
            },
            priceLists: [
                FilterOption(
                    optionValue: "", optionLabel: "The base prices of the channel chosen above",
                    optionSelected: list.isEmpty)
            ]
                + lists.filter { !$0.isBase }.map {
                    FilterOption(
                        optionValue: $0.id.rawValue, optionLabel: Self.listLabel($0, settings: settings),
                        optionSelected: list == $0.id.rawValue)
                },
            priceFields: [
                CatalogFormField(
                    "currency", "Currency", form: "price", value: settings.currency.code, typed: typed("currency"),
                    required: true),
                CatalogFormField(
                    "amount", "Price per unit", form: "price", value: "", typed: typed("amount"), required: true,
                    hint: "Written like 12.50, with a point and no thousands separator."),
                CatalogFormField(
                    "from_quantity", "From quantity", form: "price", type: "number", value: "1",
                    typed: typed("from_quantity"), required: true,
                    hint: "1 is the single-unit price; more sets a volume price."),
            ])
    }

    /// "Members (web · EUR, customer group vip, priority 5)".
    static func listLabel(_ list: PriceList, settings: ShopSettings) -> String {
        var terms = ["\(list.channel) · \(list.currency.code)"]
        if let group = list.customerGroup { terms.append("customer group \(group)") }
        terms.append("priority \(list.priority)")
        if let ends = list.endsAt { terms.append("until \(settings.dateTime(ends))") }
        return "\(list.name) (\(terms.joined(separator: ", ")))"
    }

    /// A moment as a `datetime-local` input shows it: the wall-clock time in the shop's zone.
    static func localInput(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }
}
