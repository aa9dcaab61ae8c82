import Catalog
import Flows
import Foundation
import Hummingbird
import Identity
import Persistence
import TorvCore

/// The console's catalog: the product list, a product's page and the CSV import, over the same
/// catalog calls and flows the admin API's catalog operations use, with the permissions they declare.
extension ConsolePages {
    func registerCatalog(on router: Router<TorvRequestContext>) {
        registerCategories(on: router)
        router.get("/admin/catalog") { request, context in
            await page(request, context, permission: .catalogProductsRead) { visit in
                try await productList(request, visit: visit)
            }
        }
        router.get("/admin/catalog/products/:product") { request, context in
            await page(request, context, permission: .catalogProductsRead) { visit in
                try await productPage(request, id: context.parameters.get("product") ?? "", visit: visit)
            }
        }
        router.post("/admin/catalog/products/:product/status") { request, context in
            await post(request, context, permission: .catalogProductsManage) { visit, form in
                try await changeProductStatus(
                    request, id: context.parameters.get("product") ?? "", form: form, visit: visit)
            }
        }
        router.get("/admin/catalog/import") { request, context in
            await page(request, context, permission: .catalogProductsManage) { visit in
                try importPage(request, visit: visit)
            }
        }
        router.post("/admin/catalog/import") { request, context in
            await post(request, context, permission: .catalogProductsManage, bodyLimit: Self.importBodyLimit) {
                visit, form in
                try await importCSV(request, form: form, visit: visit)
            }
        }
    }

    static let catalogPageSize = 25

    private func productList(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let text = String((query["q"] ?? "").prefix(200))
        // Unknown filter values show everything rather than an error: they come from old links, not typing.
        let search = ProductSearch(
            status: query["status"].flatMap(ProductStatus.init(rawValue:)), text: text.isEmpty ? nil : text,
            category: query["category"].flatMap(CategoryID.init))
        let after = query["after"].flatMap(ProductID.init)
        let (catalog, currency, limit) = (platform.catalog, settings.currency, Self.catalogPageSize)
        let (fetched, summaries, categories) = try await platform.database.read { db in
            let fetched = try await catalog.products(matching: search, after: after, limit: limit + 1, on: db)
            return (
                fetched, try await catalog.summaries(of: fetched.map(\.id), currency: currency, on: db),
                try await catalog.categories(on: db)
            )
        }
        let products = Array(fetched.prefix(limit))
        let view = CatalogListView(
            search: search, categories: categories, products: products, summaries: summaries,
            next: fetched.count > limit ? products.last?.id : nil, isLaterPage: after != nil,
            mayImport: visit.may(.catalogProductsManage), settings: settings)
        return try render(
            "console-catalog", title: "Catalog", section: .catalog, view: view, visit: visit, request: request)
    }
}

extension Permission {
    static let catalogProductsRead: Permission = "catalog.products.read"
    static let catalogProductsManage: Permission = "catalog.products.manage"
    static let inventoryStockRead: Permission = "inventory.stock.read"
}
