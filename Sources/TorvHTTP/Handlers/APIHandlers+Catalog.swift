import Catalog
import Flows
import Foundation
import OpenAPIRuntime
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listStoreProducts(
        _ input: Operations.ListStoreProducts.Input
    ) async throws
        -> Operations.ListStoreProducts.Output
    {
        let query = input.query
        let currency = try Self.currency(query.currency)
        var listing = ListingQuery(
            channel: query.channel ?? "web", currency: currency, text: query.q,
            limit: try Self.bounded(query.limit, default: 24, maximum: 100), after: query.after,
            at: platform.clock.now())
        if let category = query.category {
            guard let id = CategoryID(category) else {
                throw RequestError.invalidParameter(name: "category", message: "is not a category ID")
            }
            listing.category = id
        }
        listing.sort =
            switch query.sort {
            case .priceAsc: .priceAscending
            case .priceDesc: .priceDescending
            case .title: .title
            case .newest, nil: .newest
            }
        listing.minimumPrice = query.minPrice.map { Money(minorUnits: $0, currency: currency) }
        listing.maximumPrice = query.maxPrice.map { Money(minorUnits: $0, currency: currency) }
        listing.attributes = try Self.attributeFilters(query.attribute ?? [])
        let page = try await Storefront.listProducts(listing, inStockOnly: query.inStock ?? false, on: platform)
        return .ok(.init(body: .json(.init(page))))
    }

    /// Only what a shopper may see: a published product sold in the channel. Anything else is 404,
    /// so drafts and other channels' products do not leak their existence.
    func getStoreProduct(_ input: Operations.GetStoreProduct.Input) async throws -> Operations.GetStoreProduct.Output {
        let cached = try await Storefront.productPage(
            slug: input.path.slug, channel: input.query.channel ?? "web",
            currency: try Self.currency(input.query.currency),
            on: platform)
        // Shared caches (a CDN, ``SharedResponseCache``) may keep it exactly as long as this instance would.
        let fresh = max(0, Int(cached.freshUntil.timeIntervalSince(platform.clock.now()).rounded(.down)))
        PublicFreshness.declare(maxAge: fresh)
        return .ok(.init(body: .json(.init(cached.page))))
    }

    func importCatalog(_ input: Operations.ImportCatalog.Input) async throws -> Operations.ImportCatalog.Output {
        guard case .csv(let body) = input.body else {
            throw RequestError.invalidParameter(name: "body", message: "must be CSV")
        }
        let bytes = try await [UInt8](collecting: body, upTo: 16 << 20)
        guard let csv = String(validating: bytes, as: UTF8.self) else {
            throw RequestError.invalidParameter(name: "body", message: "must be UTF-8 text")
        }
        let report = try await CatalogImport.run(
            csv: csv, dryRun: input.query.dryRun ?? false, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(report))))
    }

    /// `code:value` pairs → attribute code → accepted values.
    static func attributeFilters(_ pairs: [String]) throws -> [String: Set<String>] {
        var filters: [String: Set<String>] = [:]
        for pair in pairs {
            guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex,
                colon != pair.index(before: pair.endIndex)
            else {
                throw RequestError.invalidParameter(name: "attribute", message: "must be code:value")
            }
            filters[String(pair[..<colon]), default: []].insert(String(pair[pair.index(after: colon)...]))
        }
        return filters
    }

    static func currency(_ code: String?) throws -> Currency {
        guard let currency = Currency(code: code ?? "EUR") else {
            throw RequestError.invalidParameter(name: "currency", message: "is not an ISO 4217 currency code")
        }
        return currency
    }

    static func bounded(_ value: Int?, default fallback: Int, maximum: Int) throws -> Int {
        let value = value ?? fallback
        guard (1...maximum).contains(value) else {
            throw RequestError.invalidParameter(name: "limit", message: "must be from 1 to \(maximum)")
        }
        return value
    }
}

extension Components.Schemas.ProductDetail {
    init(_ page: ProductPage) {
        let product = page.product
        self.init(
            id: product.id.rawValue, slug: product.slug, title: product.title,
            description: product.details.description, brand: product.details.brand,
            images: product.details.media.map { .init(url: $0.url, alt: $0.altText) },
            purchasableFrom: product.details.purchasableFrom,
            variants: page.variants.map { offer in
                .init(
                    id: offer.variant.id.rawValue, sku: offer.variant.sku,
                    options: offer.variant.options.map { .init(optionType: $0.optionType, value: $0.value) },
                    price: offer.price.map(Components.Schemas.Money.init),
                    lowestPrice30Days: offer.priorPrice.map(Components.Schemas.Money.init),
                    purchasable: offer.purchasable)
            })
    }
}
