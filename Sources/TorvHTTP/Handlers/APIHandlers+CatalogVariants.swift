import Catalog
import Flows
import Foundation
import Persistence
import TorvAPI
import TorvCore

/// Variants as staff add, generate and change them, and the history of their prices.
extension APIHandlers {
    func addCatalogVariant(
        _ input: Operations.AddCatalogVariant.Input
    ) async throws -> Operations.AddCatalogVariant.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let productID = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let draft = Self.newVariant(body)
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let variant = try await platform.database.inTransaction { db in
                try await catalog.addVariant(draft, to: productID, by: actor, on: db)
            }
            return .created(.init(body: .json(.init(variant, prices: []))))
        } catch let error as CatalogError {
            throw error.pointed(inVariantAt: "")
        }
    }

    func generateCatalogVariants(
        _ input: Operations.GenerateCatalogVariants.Input
    ) async throws -> Operations.GenerateCatalogVariants.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let productID = try pathID(input.path.productId, as: ProductID.self, notFound: CatalogError.productNotFound)
        let values = body.values.additionalProperties
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let created = try await platform.database.inTransaction { db in
                try await catalog.generateVariants(
                    for: productID, values: values, skuBase: body.skuBase, weightGrams: body.weightGrams, by: actor,
                    on: db)
            }
            return .created(.init(body: .json(.init(items: created.map { .init($0, prices: []) }))))
        } catch let error as CatalogError {
            switch error {
            case .optionValueNotFound(let type, let value):
                let index = values[type]?.firstIndex(of: value).map(String.init) ?? ""
                throw error.at(FieldError.pointer(["values", type] + (index.isEmpty ? [] : [index])))
            case .variantOptionsMismatch: throw error.at("/values")
            case .skuTaken, .barcodeTaken: throw error.at("/sku_base")
            default: throw error
            }
        }
    }

    func updateCatalogVariant(
        _ input: Operations.UpdateCatalogVariant.Input
    ) async throws -> Operations.UpdateCatalogVariant.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.variantId, as: VariantID.self, notFound: CatalogError.variantNotFound)
        let actor = try actor()
        let catalog = platform.catalog
        // Serializable for the same reason as a product's partial update: no lost field changes.
        let variant = try await platform.database.inTransaction(isolation: .serializable) { db in
            let current = try await catalog.variant(id, on: db)
            let details = try Self.applying(body, to: current)
            let unchanged = VariantDetails(sku: current.sku, barcode: current.barcode, weightGrams: current.weightGrams)
            let variant =
                details == unchanged ? current : try await catalog.updateVariant(id, details, by: actor, on: db)
            return Components.Schemas.AdminVariant(variant, prices: try await catalog.prices(of: id, on: db))
        }
        return .ok(.init(body: .json(variant)))
    }

    func getVariantPriceHistory(
        _ input: Operations.GetVariantPriceHistory.Input
    ) async throws -> Operations.GetVariantPriceHistory.Output {
        let id = try pathID(input.path.variantId, as: VariantID.self, notFound: CatalogError.variantNotFound)
        let catalog = platform.catalog
        let history = try await platform.database.read { db in
            _ = try await catalog.variant(id, on: db)
            return try await catalog.priceHistory(of: id, on: db)
        }
        return .ok(.init(body: .json(.init(items: history.map(Components.Schemas.PriceChange.init)))))
    }
}
