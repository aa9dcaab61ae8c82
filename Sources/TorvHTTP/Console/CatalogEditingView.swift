import Catalog
import Foundation
import TorvCore

/// The catalog's editing forms, as named in a refusal: which form was refused.
enum CatalogEditingForm: String, Sendable {
    case create, details, channels, variant, generate
    case variantEdit = "variant_edit"
    case price
    case priceList = "price_list"
}

/// A refused catalog form: its message goes next to that form, which shows again what was typed.
struct CatalogEditingFailure {
    let form: CatalogEditingForm
    /// The variant an edit form was about; nil for the product's own forms.
    let target: String?
    let message: String
    /// The refused form's fields as they were sent.
    let sent: FormData

    func message(for form: CatalogEditingForm, target: String? = nil) -> String? {
        self.form == form && self.target == target ? message : nil
    }

    /// What was typed into `name` of the refused form, or nil for another form's fields.
    func typed(_ name: String, in form: CatalogEditingForm, target: String? = nil) -> String? {
        self.form == form && self.target == target ? sent[name] ?? "" : nil
    }

    /// Whether a ticked box of the refused form was `value`; nil for another form.
    func ticked(_ name: String, _ value: String, in form: CatalogEditingForm) -> Bool? {
        self.form == form ? sent.values(name).contains(value) : nil
    }
}

/// A refusal the console words itself (an amount or a date it cannot read) before any flow runs.
struct CatalogEditingProblem: Error {
    let message: String
}

/// The confirmation a product's page shows after a catalog form did its work (`?edited=details`). Only
/// these fixed sentences are shown: the query names one, so nothing typed into the address bar reaches
/// the page.
enum CatalogEditingNotice: String, Sendable, CaseIterable {
    case created, details, channels, variant, variants
    case noNewVariants = "no_new_variants"
    case variantChanged = "variant_changed"
    case price
    case priceUnchanged = "price_unchanged"
    case priceList = "price_list"
    case priceRemoved = "price_removed"
    case noSuchPrice = "no_such_price"

    var message: String {
        switch self {
        case .created: "The product was created as a draft. Add its variants and prices, then publish it."
        case .details: "The product's details were saved."
        case .channels: "The product's channels were saved."
        case .variant: "The variant was added."
        case .variants: "The missing variants were generated."
        case .noNewVariants: "Every combination of these values has a variant already: nothing was added."
        case .variantChanged: "The variant was saved."
        case .price: "The price was set; the price history shows the change."
        case .priceUnchanged: "The price was already this: nothing changed."
        case .priceList: "The price list was created: choose it in the price form to give it prices."
        case .priceRemoved: "The price was removed; the price history shows it."
        case .noSuchPrice: "That list had no price for this SKU and quantity: nothing changed."
        }
    }

    func location(of product: ProductID) -> String {
        "/admin/catalog/products/\(product.rawValue)?edited=\(rawValue)"
    }
}

/// A labelled input of a catalog form, filled with what was typed into a refused form, else `value`.
struct CatalogFormField {
    let inputName: String
    let inputID: String
    let inputLabel: String
    let inputType: String
    let inputValue: String
    let inputRequired: Bool
    let inputHint: String?

    init(
        _ name: String, _ label: String, form: String, type: String = "text", value: String, typed: String?,
        required: Bool = false, hint: String? = nil
    ) {
        inputName = name
        inputID = form + "-" + name.replacingOccurrences(of: "_", with: "-")
        inputLabel = label
        inputType = type
        inputValue = typed ?? value
        inputRequired = required
        inputHint = hint
    }
}

/// A checkbox of a catalog form (a channel, an option type, an option value).
struct CatalogFormChoice {
    let choiceName: String
    let choiceValue: String
    let choiceID: String
    let choiceLabel: String
    let choiceChecked: Bool
}

/// The form that creates a product as the API's `createCatalogProduct` does: a draft, with its category,
/// tax class, the option types its variants will vary by and the channels it is sold in.
struct ProductNewView {
    let newProductKey: String
    let newProductError: String?
    let newProductFields: [CatalogFormField]
    let newProductDescription: String
    let newProductCategories: [FilterOption]
    let newProductTaxClasses: [FilterOption]
    let newProductOptionTypes: [CatalogFormChoice]
    let hasOptionTypes: Bool
    let newProductChannels: [CatalogFormChoice]

    init(
        categories: [Category], taxClasses: [TaxClass], optionTypes: [OptionType], channels: [SalesChannel],
        failure: CatalogEditingFailure?, settings: ShopSettings
    ) {
        func typed(_ name: String) -> String? { failure?.typed(name, in: .create) }
        newProductKey = FormGuard.randomToken()
        newProductError = failure?.message(for: .create)
        newProductFields = [
            CatalogFormField("title", "Title", form: "new-product", value: "", typed: typed("title"), required: true),
            CatalogFormField(
                "slug", "Handle", form: "new-product", value: "", typed: typed("slug"),
                hint: "The address in the shop, /products/<handle>. Left empty, it is made from the title."),
        ]
        newProductDescription = typed("description") ?? ""
        newProductCategories = Self.categoryOptions(categories, chosen: typed("category_id") ?? "")
        newProductTaxClasses = Self.taxClassOptions(taxClasses, chosen: typed("tax_class") ?? "standard")
        newProductOptionTypes = optionTypes.map { type in
            CatalogFormChoice(
                choiceName: "option_type", choiceValue: type.code, choiceID: "new-product-option-\(type.code)",
                choiceLabel: type.name, choiceChecked: failure?.ticked("option_type", type.code, in: .create) ?? false)
        }
        hasOptionTypes = !optionTypes.isEmpty
        newProductChannels = channels.map { channel in
            CatalogFormChoice(
                choiceName: "channel", choiceValue: channel.code, choiceID: "new-product-channel-\(channel.code)",
                choiceLabel: channel.name,
                choiceChecked: failure?.ticked("channel", channel.code, in: .create)
                    ?? (channel.code == settings.channel))
        }
    }

    /// "No category" first, then every category by its path from the root.
    static func categoryOptions(_ categories: [Category], chosen: String) -> [FilterOption] {
        [FilterOption(optionValue: "", optionLabel: "No category", optionSelected: chosen.isEmpty)]
            + CatalogListView.paths(of: categories).map {
                FilterOption(
                    optionValue: $0.id.rawValue, optionLabel: $0.path, optionSelected: chosen == $0.id.rawValue)
            }
    }

    static func taxClassOptions(_ taxClasses: [TaxClass], chosen: String) -> [FilterOption] {
        taxClasses.map {
            FilterOption(optionValue: $0.code, optionLabel: $0.name, optionSelected: chosen == $0.code)
        }
    }
}
