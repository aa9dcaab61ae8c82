import Catalog
import Foundation
import TorvCore

/// The console's product list: the filters as the visitor set them, one row per product, and the
/// link to the next page (keyset paging, so a product added meanwhile never shifts a page).
struct CatalogListView {
    let searchText: String
    let statusOptions: [FilterOption]
    let categoryOptions: [FilterOption]
    let products: [ProductListRow]
    let hasProducts: Bool
    let emptyMessage: String
    let nextPageHref: String?
    let firstPageHref: String?
    let mayImport: Bool
    let priceNote: String

    init(
        search: ProductSearch, categories: [Category], products: [Product], summaries: [ProductID: ProductSummary],
        next: ProductID?, isLaterPage: Bool, mayImport: Bool, settings: ShopSettings
    ) {
        searchText = search.text ?? ""
        statusOptions =
            [FilterOption(optionValue: "", optionLabel: "Any status", optionSelected: search.status == nil)]
            + ProductStatus.allCases.map {
                FilterOption(
                    optionValue: $0.rawValue, optionLabel: Self.statusText($0), optionSelected: search.status == $0)
            }
        categoryOptions =
            [FilterOption(optionValue: "", optionLabel: "Any category", optionSelected: search.category == nil)]
            + Self.paths(of: categories).map {
                FilterOption(
                    optionValue: $0.id.rawValue, optionLabel: $0.path, optionSelected: search.category == $0.id)
            }
        self.products = products.map { product in
            let summary = summaries[product.id] ?? ProductSummary(variantCount: 0)
            return ProductListRow(
                productHref: "/admin/catalog/products/\(product.id.rawValue)", productName: product.title,
                productSlug: product.slug, productStatus: Self.statusText(product.status),
                statusClass: "status-\(product.status.rawValue)", variantCount: summary.variantCount,
                priceRange: Self.range(summary, settings: settings), updatedOn: settings.dateTime(product.updatedAt))
        }
        hasProducts = !products.isEmpty
        let filtered = search.status != nil || search.text != nil || search.category != nil
        emptyMessage =
            isLaterPage
            ? "No more products."
            : filtered
                ? "No product matches these filters. Clear them to see every product."
                : "The catalog is empty. Add a product or import a CSV file."
        nextPageHref = next.map { Self.href(search, after: $0) }
        firstPageHref = isLaterPage ? Self.href(search, after: nil) : nil
        self.mayImport = mayImport
        priceNote = "Prices are the base prices for one unit in \(settings.currency.code), over every channel."
    }

    static func statusText(_ status: ProductStatus) -> String {
        switch status {
        case .draft: "Draft"
        case .published: "Published"
        case .archived: "Archived"
        }
    }

    private static func range(_ summary: ProductSummary, settings: ShopSettings) -> String {
        guard let lowest = summary.lowestBasePrice, let highest = summary.highestBasePrice else { return "—" }
        return lowest == highest ? settings.money(lowest) : "\(settings.money(lowest)) – \(settings.money(highest))"
    }

    private static func href(_ search: ProductSearch, after: ProductID?) -> String {
        var components = URLComponents()
        components.path = "/admin/catalog"
        let items = [
            URLQueryItem(name: "q", value: search.text), URLQueryItem(name: "status", value: search.status?.rawValue),
            URLQueryItem(name: "category", value: search.category?.rawValue),
            URLQueryItem(name: "after", value: after?.rawValue),
        ].filter { $0.value != nil }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? "/admin/catalog"
    }

    /// Every category with its path from the root ("Clothing › Shirts"), in path order.
    static func paths(of categories: [Category]) -> [(id: CategoryID, path: String)] {
        let byID = Dictionary(categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return categories.map { category in
            var names = [category.name]
            var parent = category.parentID
            // Bounded by the count: the tree refuses cycles, this only keeps a corrupt row from looping.
            while let id = parent, let node = byID[id], names.count <= categories.count {
                names.insert(node.name, at: 0)
                parent = node.parentID
            }
            return (category.id, names.joined(separator: " › "))
        }.sorted { $0.path.localizedStandardCompare($1.path) == .orderedAscending }
    }
}

struct FilterOption {
    let optionValue: String
    let optionLabel: String
    let optionSelected: Bool
}

struct ProductListRow {
    let productHref: String
    let productName: String
    let productSlug: String
    let productStatus: String
    let statusClass: String
    let variantCount: Int
    let priceRange: String
    let updatedOn: String
}
