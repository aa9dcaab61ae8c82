import Catalog
import Flows
import Foundation
import OpenAPIRuntime
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listCatalogProducts(
        _ input: Operations.ListCatalogProducts.Input
    ) async throws -> Operations.ListCatalogProducts.Output {
        let limit = try Paging.limit(input.query.limit)
        let after = try Paging.cursor(input.query.after, as: ProductID.self)
        let status = input.query.status.flatMap { ProductStatus(rawValue: $0.rawValue) }
        let catalog = platform.catalog
        let fetched = try await platform.database.read { db in
            try await catalog.products(status: status, after: after, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.AdminProduct.init), next: page.next))))
    }

    func setProductStatus(_ input: Operations.SetProductStatus.Input) async throws -> Operations.SetProductStatus.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let actor = try actor()
        let catalog = platform.catalog
        let product = try await platform.database.inTransaction { db -> Product in
            switch body.status {
            case .published: try await catalog.publishProduct(id, by: actor, on: db)
            case .draft: try await catalog.unpublishProduct(id, by: actor, on: db)
            case .archived: try await catalog.archiveProduct(id, by: actor, on: db)
            }
        }
        return .ok(.init(body: .json(.init(product))))
    }

    func setVariantPrice(_ input: Operations.SetVariantPrice.Input) async throws -> Operations.SetVariantPrice.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.variantId, as: VariantID.self, notFound: CatalogError.variantNotFound)
        let price = try Self.money(body.price, at: "/price")
        let currency = price.currency
        let fromQuantity = body.fromQuantity ?? 1
        let actor = try actor()
        let catalog = platform.catalog
        let channel = body.channel
        let changed = try await platform.database.inTransaction { db in
            _ = try await catalog.variant(id, on: db)
            let list = try await catalog.basePriceList(channel: channel, currency: currency, by: actor, on: db)
            return try await catalog.setPrice(price, of: id, in: list.id, fromQuantity: fromQuantity, by: actor, on: db)
                != nil
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        variantId: id.rawValue, channel: channel, price: .init(price), fromQuantity: fromQuantity,
                        changed: changed))))
    }

    func exportCatalog(_ input: Operations.ExportCatalog.Input) async throws -> Operations.ExportCatalog.Output {
        let csv = try await CatalogImport.export(on: platform)
        return .ok(.init(body: .csv(HTTPBody(csv))))
    }
}

extension Components.Schemas.AdminProduct {
    init(_ product: Product) {
        self.init(
            id: product.id.rawValue, slug: product.slug, title: product.title,
            status: .init(rawValue: product.status.rawValue) ?? .draft, channels: product.channels,
            updatedAt: product.updatedAt, publishedAt: product.publishedAt)
    }
}
