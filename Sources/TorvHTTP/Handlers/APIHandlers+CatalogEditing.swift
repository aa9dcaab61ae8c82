import Catalog
import Flows
import Foundation
import Persistence
import SQLKit
import TorvAPI
import TorvCore

/// Products as staff edit them: full detail, creation, partial updates and channels.
extension APIHandlers {
    func getCatalogProduct(
        _ input: Operations.GetCatalogProduct.Input
    ) async throws -> Operations.GetCatalogProduct.Output {
        let id = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let catalog = platform.catalog
        let detail = try await platform.database.read { db in
            try await Self.adminDetail(of: id, catalog: catalog, on: db)
        }
        return .ok(.init(body: .json(detail)))
    }

    func createCatalogProduct(
        _ input: Operations.CreateCatalogProduct.Input
    ) async throws -> Operations.CreateCatalogProduct.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = try Self.newProduct(body)
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let detail = try await platform.database.inTransaction { db in
                let product = try await catalog.createProduct(draft, by: actor, on: db)
                return try await Self.adminDetail(of: product.id, catalog: catalog, on: db)
            }
            return .created(.init(body: .json(detail)))
        } catch let error as CatalogError {
            throw error.pointed(in: draft, channels: body.channels ?? [])
        }
    }

    func updateCatalogProduct(
        _ input: Operations.UpdateCatalogProduct.Input
    ) async throws -> Operations.UpdateCatalogProduct.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let actor = try actor()
        let catalog = platform.catalog
        do {
            // Read, change, write back: serializable, so two staff changing different fields at once both
            // keep their change instead of the later write restoring the field the earlier one changed.
            let detail = try await platform.database.inTransaction(isolation: .serializable) { db in
                let current = try await catalog.product(id, on: db)
                let details = try Self.applying(body, to: current.details)
                if details != current.details {
                    _ = try await catalog.updateProduct(id, details: details, by: actor, on: db)
                }
                return try await Self.adminDetail(of: id, catalog: catalog, on: db)
            }
            return .ok(.init(body: .json(detail)))
        } catch CatalogError.categoryNotFound {
            throw CatalogFieldError(.categoryNotFound, at: "/category_id")
        }
    }

    func setProductChannels(
        _ input: Operations.SetProductChannels.Input
    ) async throws -> Operations.SetProductChannels.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let detail = try await platform.database.inTransaction { db in
                _ = try await catalog.setChannels(Set(body.channels), of: id, by: actor, on: db)
                return try await Self.adminDetail(of: id, catalog: catalog, on: db)
            }
            return .ok(.init(body: .json(detail)))
        } catch CatalogError.channelNotFound(let code) {
            throw CatalogError.channelNotFound(code).at(body.channels.firstIndex(of: code).map { "/channels/\($0)" })
        }
    }

    /// A product with its variants and every price row of every list, read in one snapshot.
    static func adminDetail(
        of id: ProductID, catalog: Catalog, on db: any SQLDatabase
    ) async throws -> Components.Schemas.AdminProductDetail {
        let product = try await catalog.product(id, on: db)
        let variants = try await catalog.variants(of: id, on: db)
        var prices: [VariantID: [PriceCandidate]] = [:]
        for variant in variants { prices[variant.id] = try await catalog.prices(of: variant.id, on: db) }
        return .init(product, variants: variants, prices: prices)
    }
}
