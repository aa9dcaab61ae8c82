import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Persistence
import TorvCore

/// A product's console page, and publishing and unpublishing it (its other forms are the catalog editing's).
extension ConsolePages {
    func productPage(
        _ request: Request, id raw: String, visit: StaffVisit, notice: String? = nil, problem: String? = nil,
        failure: CatalogEditingFailure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let id = ProductID(raw) else { throw CatalogError.productNotFound }
        let overview = try await ProductOverview.load(id, withStock: visit.may(.inventoryStockRead), on: platform)
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let view = ProductPageView(
            overview, mayManage: visit.may(.catalogProductsManage),
            notice: notice ?? query["changed"].flatMap(ProductStatus.init(rawValue:)).map(ProductPageView.changedText)
                ?? query["edited"].flatMap(CatalogEditingNotice.init(rawValue:))?.message,
            problem: problem, editing: try await productEditing(overview, visit: visit, failure: failure),
            settings: settings)
        return try render(
            "console-product", title: overview.product.title, section: .catalog, view: view, visit: visit,
            request: request, status: status)
    }

    /// Publishes or unpublishes as the API's `setProductStatus` does; a refusal (no variants, a move
    /// the life cycle does not allow) is shown on the product's page.
    func changeProductStatus(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        guard let id = ProductID(raw) else { throw CatalogError.productNotFound }
        guard let next = form["status"].flatMap(ProductStatus.init(rawValue:)), next != .archived else {
            return try await productPage(
                request, id: raw, visit: visit, problem: "Choose to publish the product or to take it off sale.",
                status: .unprocessableContent)
        }
        let (catalog, actor) = (platform.catalog, visit.actor)
        do {
            _ = try await platform.database.inTransaction { db -> Product in
                switch next {
                case .published: try await catalog.publishProduct(id, by: actor, on: db)
                case .draft, .archived: try await catalog.unpublishProduct(id, by: actor, on: db)
                }
            }
        } catch let error as CatalogError where error != .productNotFound {
            return try await productPage(
                request, id: raw, visit: visit, problem: error.message, status: Problem(error).status)
        }
        return HTMLResponse.redirect(to: "/admin/catalog/products/\(id.rawValue)?changed=\(next.rawValue)")
    }
}
