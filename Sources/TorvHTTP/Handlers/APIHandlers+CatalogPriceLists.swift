import Catalog
import Flows
import Foundation
import Persistence
import TorvAPI
import TorvCore

/// Price lists and their tiers: sales, customer-group prices and volume breaks beside the base prices.
extension APIHandlers {
    func listPriceLists(_ input: Operations.ListPriceLists.Input) async throws -> Operations.ListPriceLists.Output {
        let channel = input.query.channel
        let catalog = platform.catalog
        let lists = try await platform.database.read { db in try await catalog.priceLists(channel: channel, on: db) }
        return .ok(.init(body: .json(.init(items: lists.map(Components.Schemas.PriceList.init)))))
    }

    func createPriceList(_ input: Operations.CreatePriceList.Input) async throws -> Operations.CreatePriceList.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = NewPriceList(
            name: body.name, channel: body.channel, currency: try Self.currency(body.currency, at: "/currency"),
            priority: body.priority ?? 0, customerGroup: body.customerGroup, startsAt: body.startsAt,
            endsAt: body.endsAt)
        let actor = try actor()
        let catalog = platform.catalog
        let list = try await platform.database.inTransaction { db in
            try await catalog.createPriceList(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(list))))
    }

    func setPriceListPrice(
        _ input: Operations.SetPriceListPrice.Input
    ) async throws -> Operations.SetPriceListPrice.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let listID = try pathID(input.path.priceListId, as: PriceListID.self, notFound: CatalogError.priceListNotFound)
        var ids = FieldIDs()
        let variantID = ids.id(body.variantId, as: VariantID.self, at: "/variant_id")
        try ids.finish()
        let price = try Self.money(body.price, at: "/price")
        let fromQuantity = body.fromQuantity ?? 1
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let change = try await platform.database.inTransaction { db in
                try await catalog.setPrice(
                    price, of: variantID, in: listID, fromQuantity: fromQuantity, by: actor, on: db)
            }
            return .ok(
                .init(
                    body: .json(
                        .init(
                            priceListId: listID.rawValue, variantId: variantID.rawValue, fromQuantity: fromQuantity,
                            price: .init(price), changed: change != nil))))
        } catch CatalogError.variantNotFound {
            throw CatalogFieldError(.variantNotFound, at: "/variant_id")
        }
    }

    func removePriceListPrice(
        _ input: Operations.RemovePriceListPrice.Input
    ) async throws -> Operations.RemovePriceListPrice.Output {
        let listID = try pathID(input.path.priceListId, as: PriceListID.self, notFound: CatalogError.priceListNotFound)
        guard let variantID = VariantID(input.query.variantId) else {
            throw RequestError.invalidParameter(name: "variant_id", message: "is not a variant ID")
        }
        let fromQuantity = input.query.fromQuantity ?? 1
        let actor = try actor()
        let catalog = platform.catalog
        do {
            let change = try await platform.database.inTransaction { db in
                try await catalog.removePrice(of: variantID, in: listID, fromQuantity: fromQuantity, by: actor, on: db)
            }
            return .ok(
                .init(
                    body: .json(
                        .init(
                            priceListId: listID.rawValue, variantId: variantID.rawValue, fromQuantity: fromQuantity,
                            changed: change != nil))))
        } catch CatalogError.variantNotFound {
            throw CatalogFieldError(.variantNotFound, at: "/variant_id")
        }
    }
}
