import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// Editing the catalog from the console: creating a product, changing its details and channels, adding
/// and generating variants, and setting prices, over the catalog calls the admin API's operations make,
/// with the permissions they declare. Each form takes effect once per form key (``FormReplay``); a
/// refusal is shown next to its form with what was typed, and success redirects to the product's page
/// with a fixed confirmation.
extension ConsolePages {
    func registerCatalogEditing(on router: Router<TorvRequestContext>) {
        router.get("/admin/catalog/products/new") { request, context in
            await page(request, context, permission: .catalogProductsManage) { visit in
                try await newProductPage(request, visit: visit)
            }
        }
        router.post("/admin/catalog/products") { request, context in
            await post(request, context, permission: .catalogProductsManage) { visit, form in
                try await catalogForm(.create, request, visit: visit, form: form, product: nil) {
                    try await createProduct(form, visit: visit)
                }
            }
        }
        let forms: [(String, CatalogEditingForm, Permission)] = [
            ("details", .details, .catalogProductsManage), ("channels", .channels, .catalogProductsManage),
            ("variants", .variant, .catalogProductsManage), ("variants/generate", .generate, .catalogProductsManage),
            ("variants/:variant", .variantEdit, .catalogProductsManage), ("prices", .price, .catalogPricesManage),
            ("price-lists", .priceList, .catalogPricesManage),
        ]
        for (path, action, permission) in forms {
            router.post("/admin/catalog/products/:product/\(path)") { request, context in
                await post(request, context, permission: permission) { visit, form in
                    let product = try pathID(
                        context.parameters.get("product") ?? "", as: ProductID.self,
                        notFound: CatalogError.productNotFound)
                    let variant = context.parameters.get("variant")
                    return try await catalogForm(
                        action, request, visit: visit, form: form, product: product, target: variant
                    ) {
                        try await editProduct(action, product, variant: variant, form: form, visit: visit)
                    }
                }
            }
        }
    }

    /// Runs one catalog form once for its key: `body` does the work and names the page to go to; a refusal
    /// re-renders the form's page with the message next to the form and what was typed.
    func catalogForm(
        _ action: CatalogEditingForm, _ request: Request, visit: StaffVisit, form: FormData, product: ProductID?,
        target: String? = nil, _ body: () async throws -> String
    ) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.catalog.\(action.rawValue)"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let refusal: (message: String, status: HTTPResponse.Status)
            do {
                return .redirect(try await body())
            } catch let problem as CatalogEditingProblem {
                refusal = (problem.message, .unprocessableContent)
            } catch let error as CatalogError
                where [.categoryNotFound, .variantNotFound, .priceListNotFound].contains(error)
            {
                // A choice from the form's own list that has gone meanwhile: the form is at fault, not the page.
                refusal = (error.message, .unprocessableContent)
            } catch let error as CatalogError {
                // The catalog's sentences name the refused value ("The SKU TEE-S is in use already."), which its
                // field errors leave out.
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                refusal = (error.message, status)
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                refusal = (ConsoleFormRefusal.sentence(error), status)
            }
            let failure = CatalogEditingFailure(form: action, target: target, message: refusal.message, sent: form)
            guard let product else {
                return .refused(
                    try await newProductPage(request, visit: visit, failure: failure, status: refusal.status))
            }
            return .refused(
                try await productPage(
                    request, id: product.rawValue, visit: visit, failure: failure, status: refusal.status))
        }
    }

    func newProductPage(
        _ request: Request, visit: StaffVisit, failure: CatalogEditingFailure? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let catalog = platform.catalog
        let (categories, taxClasses, optionTypes, channels) = try await platform.database.read { db in
            (
                try await catalog.categories(on: db), try await catalog.taxClasses(on: db),
                try await catalog.optionTypes(on: db), try await catalog.channels(on: db)
            )
        }
        let view = ProductNewView(
            categories: categories, taxClasses: taxClasses, optionTypes: optionTypes, channels: channels,
            failure: failure, settings: settings)
        return try render(
            "console-product-new", title: "New product", section: .catalog, view: view, visit: visit,
            request: request, status: status)
    }

    /// The product's editing forms, for staff who may manage the catalog; nil for everyone else.
    func productEditing(
        _ overview: ProductOverview, visit: StaffVisit, failure: CatalogEditingFailure?
    ) async throws -> ProductEditingView? {
        guard visit.may(.catalogProductsManage) else { return nil }
        let catalog = platform.catalog
        let (categories, taxClasses, channels, lists) = try await platform.database.read { db in
            (
                try await catalog.categories(on: db), try await catalog.taxClasses(on: db),
                try await catalog.channels(on: db), try await catalog.priceLists(on: db)
            )
        }
        return ProductEditingView(
            overview, categories: categories, taxClasses: taxClasses, channels: channels, priceLists: lists,
            mayPrice: visit.may(.catalogPricesManage), failure: failure, settings: settings)
    }

    /// Creates a draft as the API's `createCatalogProduct` does; an empty handle is made from the title.
    private func createProduct(_ form: FormData, visit: StaffVisit) async throws -> String {
        let slug = form["slug"] ?? ""
        let details = ProductDetails(
            title: form["title"] ?? "", slug: slug.isEmpty ? nil : slug, description: form["description"] ?? "",
            categoryID: try Self.category(form), taxClass: form["tax_class"] ?? "standard")
        let draft = NewProduct(
            details, optionTypes: form.values("option_type"), channels: Set(form.values("channel")))
        let (catalog, actor) = (platform.catalog, visit.actor)
        let product = try await platform.database.inTransaction { db in
            try await catalog.createProduct(draft, by: actor, on: db)
        }
        return CatalogEditingNotice.created.location(of: product.id)
    }

    /// The category chosen in a form: none when empty.
    static func category(_ form: FormData) throws -> CategoryID? {
        let raw = form["category_id"] ?? ""
        guard !raw.isEmpty else { return nil }
        guard let id = CategoryID(raw) else { throw CatalogError.categoryNotFound }
        return id
    }
}

extension Permission {
    static let catalogPricesManage: Permission = "catalog.prices.manage"
}
