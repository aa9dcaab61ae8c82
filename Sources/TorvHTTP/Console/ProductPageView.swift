import Catalog
import Flows
import Foundation
import Inventory
import TorvCore

/// A product's console page: its details, variants, every price row, what shoppers pay now beside the
/// lowest price of the last 30 days, the price history newest first, and stock per location.
struct ProductPageView {
    let productName: String
    let productID: String
    let productSlug: String
    let productStatus: String
    let statusClass: String
    let facts: [ProductFact]
    let productDescription: String?
    let storefrontHref: String?
    let statusActions: [StatusAction]
    let statusNotice: String?
    let statusProblem: String?
    let variantRows: [VariantRow]
    let hasVariants: Bool
    let priceRows: [PriceRow]
    let hasPrices: Bool
    let publicPriceRows: [PublicPriceRow]
    let historyRows: [PriceHistoryRow]
    let hasHistory: Bool
    let historyNote: String
    let showsStock: Bool
    let stockRows: [StockRow]
    let hasStock: Bool
    /// The editing forms, for staff who may manage the catalog.
    let productEditing: ProductEditingView?

    /// The page shows at most this many price changes, newest first.
    static let historyLimit = 100

    init(
        _ overview: ProductOverview, mayManage: Bool, notice: String?, problem: String?,
        editing: ProductEditingView? = nil, settings: ShopSettings
    ) {
        let product = overview.product
        let sku = Dictionary(overview.variants.map { ($0.id, $0.sku) }, uniquingKeysWith: { first, _ in first })
        productName = product.title
        productID = product.id.rawValue
        productSlug = product.slug
        productStatus = CatalogListView.statusText(product.status)
        statusClass = "status-\(product.status.rawValue)"
        facts = [
            ProductFact(factName: "Brand", factValue: product.details.brand ?? "—"),
            ProductFact(
                factName: "Category",
                factValue: overview.categoryPath.isEmpty
                    ? "—" : overview.categoryPath.map(\.name).joined(separator: " › ")),
            ProductFact(
                factName: "Channels",
                factValue: product.channels.isEmpty ? "none" : product.channels.joined(separator: ", ")),
            ProductFact(factName: "Tax class", factValue: product.details.taxClass),
            ProductFact(
                factName: "Purchasable from",
                factValue: product.details.purchasableFrom.map(settings.dateTime) ?? "as soon as published"),
            ProductFact(factName: "Created", factValue: settings.dateTime(product.createdAt)),
            ProductFact(factName: "Updated", factValue: settings.dateTime(product.updatedAt)),
            ProductFact(factName: "Published", factValue: product.publishedAt.map(settings.dateTime) ?? "never"),
        ]
        productDescription = product.details.description.isEmpty ? nil : product.details.description
        storefrontHref = product.status == .published ? "/products/\(product.slug)" : nil
        statusActions = mayManage ? Self.actions(for: product.status) : []
        statusNotice = notice
        statusProblem = problem

        variantRows = overview.variants.map { variant in
            VariantRow(
                variantSKU: variant.sku,
                variantOptions: variant.options.isEmpty
                    ? "—"
                    : variant.options.map { choice in
                        let type = overview.optionTypes[choice.optionType]
                        return "\(type?.name ?? choice.optionType): \(type?.value(choice.value)?.name ?? choice.value)"
                    }.joined(separator: ", "),
                variantBarcode: variant.barcode ?? "—", variantWeight: variant.weightGrams.map { "\($0) g" } ?? "—")
        }
        hasVariants = !overview.variants.isEmpty
        priceRows = overview.variants.flatMap { variant in
            (overview.prices[variant.id] ?? []).map { candidate in
                PriceRow(
                    priceSKU: variant.sku, priceListName: candidate.list.name,
                    priceMarket: "\(candidate.list.channel) · \(candidate.list.currency.code)",
                    priceTerms: Self.terms(of: candidate.list, settings: settings),
                    priceTiers: candidate.tiers.map { "\($0.fromQuantity)+ \(settings.money($0.unitPrice))" }
                        .joined(separator: "; "))
            }
        }
        hasPrices = !priceRows.isEmpty
        publicPriceRows = overview.publicPrices.map { price in
            PublicPriceRow(
                publicSKU: sku[price.variantID] ?? price.variantID.rawValue,
                publicMarket: "\(price.channel) · \(price.currency.code)",
                priceNow: price.current.map(settings.money) ?? "not for sale",
                lowest30Days: price.lowestInLast30Days.map(settings.money) ?? "no price in the last 30 days")
        }
        let shown = overview.history.suffix(Self.historyLimit).reversed()
        historyRows = shown.map { change in
            PriceHistoryRow(
                changedAt: settings.dateTime(change.at), changedAtISO: change.at.formatted(.iso8601),
                changeSKU: sku[change.variantID] ?? change.variantID.rawValue,
                changeList: overview.priceLists[change.priceListID]?.name ?? change.priceListID.rawValue,
                changeTier: "\(change.fromQuantity)+", oldPrice: change.oldPrice.map(settings.money) ?? "—",
                newPrice: change.newPrice.map(settings.money) ?? "removed")
        }
        hasHistory = !historyRows.isEmpty
        historyNote =
            overview.history.count > Self.historyLimit
            ? "The newest \(Self.historyLimit) of \(overview.history.count) changes, newest first."
            : "Every change, newest first."

        showsStock = overview.stock != nil
        stockRows = (overview.stock ?? []).map { level in
            StockRow(
                stockSKU: level.sku,
                stockLocation: overview.locations[level.locationID]?.name ?? level.locationID.rawValue,
                onHand: level.onHand, reserved: level.reserved, available: level.available)
        }
        hasStock = !stockRows.isEmpty
        productEditing = editing
    }

    static func changedText(_ status: ProductStatus) -> String {
        switch status {
        case .published: "The product is published: shoppers see it in its channels."
        case .draft: "The product is a draft again: shoppers no longer see it."
        case .archived: "The product is archived."
        }
    }

    /// The moves a product's life cycle allows from `status` that this page offers (archiving is the API's).
    private static func actions(for status: ProductStatus) -> [StatusAction] {
        switch status {
        case .draft:
            [StatusAction(targetStatus: "published", actionLabel: "Publish", actionHint: "Shoppers will see it.")]
        case .published:
            [
                StatusAction(
                    targetStatus: "draft", actionLabel: "Unpublish",
                    actionHint: "Back to draft; shoppers stop seeing it.")
            ]
        case .archived:
            [
                StatusAction(
                    targetStatus: "draft", actionLabel: "Back to draft",
                    actionHint: "Review it before publishing it again.")
            ]
        }
    }

    private static func terms(of list: PriceList, settings: ShopSettings) -> String {
        var terms: [String] = [list.isBase ? "base prices" : "priority \(list.priority)"]
        if let group = list.customerGroup { terms.append("customer group \(group)") }
        if let starts = list.startsAt { terms.append("from \(settings.dateTime(starts))") }
        if let ends = list.endsAt { terms.append("until \(settings.dateTime(ends))") }
        return terms.joined(separator: ", ")
    }
}

struct ProductFact {
    let factName: String
    let factValue: String
}

struct StatusAction {
    let targetStatus: String
    let actionLabel: String
    let actionHint: String
    /// Publishing is the page's main action; taking a product off sale is not offered as one. Stored,
    /// not computed: Mustache reads stored properties only.
    let actionClass: String

    init(targetStatus: String, actionLabel: String, actionHint: String) {
        self.targetStatus = targetStatus
        self.actionLabel = actionLabel
        self.actionHint = actionHint
        actionClass = targetStatus == "published" ? "primary" : ""
    }
}

struct VariantRow {
    let variantSKU: String
    let variantOptions: String
    let variantBarcode: String
    let variantWeight: String
}

struct PriceRow {
    let priceSKU: String
    let priceListName: String
    let priceMarket: String
    let priceTerms: String
    let priceTiers: String
}

struct PublicPriceRow {
    let publicSKU: String
    let publicMarket: String
    let priceNow: String
    let lowest30Days: String
}

struct PriceHistoryRow {
    let changedAt: String
    let changedAtISO: String
    let changeSKU: String
    let changeList: String
    let changeTier: String
    let oldPrice: String
    let newPrice: String
}

struct StockRow {
    let stockSKU: String
    let stockLocation: String
    let onHand: Int
    let reserved: Int
    let available: Int
}
