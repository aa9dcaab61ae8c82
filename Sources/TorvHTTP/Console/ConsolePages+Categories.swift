import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// The catalog's category tree, adding a category, and the whole catalog as CSV (the same file the
/// import reads), with the admin API's catalog permissions.
extension ConsolePages {
    func registerCategories(on router: Router<TorvRequestContext>) {
        router.get("/admin/catalog/categories") { request, context in
            await page(request, context, permission: .catalogProductsRead) { visit in
                try await categories(request, visit: visit)
            }
        }
        router.post("/admin/catalog/categories") { request, context in
            await post(request, context, permission: .catalogProductsManage) { visit, form in
                try await addCategory(request, form: form, visit: visit)
            }
        }
        router.get("/admin/catalog/export") { request, context in
            await page(request, context, permission: .catalogProductsRead) { _ in
                let csv = try await CatalogImport.export(on: platform)
                let day = FinanceReportRequest.dayText(platform.clock.now())
                return HTMLResponse.download(csv, filename: "catalog_\(day).csv")
            }
        }
    }

    private func categories(
        _ request: Request, visit: StaffVisit, failed: FormData? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalog = platform.catalog
        let tree = try await platform.database.read { db in try await catalog.categoryTree(on: db) }
        let done = FormData(urlEncoded: request.uri.query ?? "")["done"] == "category_added"
        let view = CategoryTreeView(
            tree: tree, mayManage: visit.may(.catalogProductsManage), failed: failed, error: error,
            notice: done ? "The category was added." : nil)
        return try render(
            "console-categories", title: "Categories", section: .catalog, view: view, visit: visit, request: request,
            status: status)
    }

    private func addCategory(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.catalog.categories.create"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let name = form["name"] ?? ""
            let typedSlug = (form["slug"] ?? "").trimmingCharacters(in: .whitespaces)
            let draft = NewCategory(
                name: name, slug: typedSlug.isEmpty ? Slug.make(from: name) : typedSlug,
                parentID: form["parent"].flatMap(CategoryID.init), position: nil)
            let (catalog, actor) = (platform.catalog, visit.actor)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await catalog.createCategory(draft, by: actor, on: db)
                }
                return .redirect("/admin/catalog/categories?done=category_added")
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return .refused(
                    try await categories(
                        request, visit: visit, failed: form, error: ConsoleFormRefusal.sentence(error), status: status)
                )
            }
        }
    }
}
