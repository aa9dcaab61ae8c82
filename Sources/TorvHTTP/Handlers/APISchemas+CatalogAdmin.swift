import Catalog
import Foundation
import TorvAPI
import TorvCore

extension Components.Schemas.AdminProductDetail {
    /// Everything staff edit about a product; `prices` maps each variant to the lists that price it.
    init(_ product: Product, variants: [Variant], prices: [VariantID: [PriceCandidate]]) {
        let details = product.details
        self.init(
            id: product.id.rawValue, status: .init(rawValue: product.status.rawValue) ?? .draft, title: details.title,
            slug: details.slug, description: details.description, brand: details.brand,
            categoryId: details.categoryID?.rawValue, taxClass: details.taxClass,
            purchasableFrom: details.purchasableFrom,
            attributes: .init(
                additionalProperties: details.attributes.mapValues(Components.Schemas.AttributeValue.init)),
            media: details.media.map { .init(url: $0.url, altText: $0.altText) }, optionTypes: product.optionTypes,
            channels: product.channels,
            variants: variants.map { Components.Schemas.AdminVariant($0, prices: prices[$0.id] ?? []) },
            createdAt: product.createdAt, updatedAt: product.updatedAt, publishedAt: product.publishedAt)
    }
}

extension Components.Schemas.AdminVariant {
    init(_ variant: Variant, prices: [PriceCandidate]) {
        self.init(
            id: variant.id.rawValue, productId: variant.productID.rawValue, sku: variant.sku,
            options: variant.options.map { .init(optionType: $0.optionType, value: $0.value) },
            barcode: variant.barcode, weightGrams: variant.weightGrams, position: variant.position,
            prices: prices.flatMap { candidate in
                candidate.tiers.map { tier in
                    Components.Schemas.VariantPriceRow(
                        priceListId: candidate.list.id.rawValue, priceListName: candidate.list.name,
                        channel: candidate.list.channel, customerGroup: candidate.list.customerGroup,
                        isBase: candidate.list.isBase, fromQuantity: tier.fromQuantity, price: .init(tier.unitPrice))
                }
            })
    }
}

extension Components.Schemas.AttributeValue {
    init(_ value: AttributeValue) {
        switch value {
        case .boolean(let flag): self = .case1(flag)
        case .number(let number): self = .case2(NSDecimalNumber(decimal: number).doubleValue)
        case .text(let text): self = .case3(text)
        }
    }
}

extension AttributeValue {
    /// JSON numbers arrive as `Double`; its shortest spelling (`6.1`) is what the client wrote, so the
    /// `Decimal` is read from that text rather than from the binary value (6.0999999…).
    init(_ value: Components.Schemas.AttributeValue) {
        switch value {
        case .case1(let flag): self = .boolean(flag)
        case .case2(let number): self = .number(Decimal(string: "\(number)") ?? Decimal(number))
        case .case3(let text): self = .text(text)
        }
    }
}

extension Components.Schemas.PriceChange {
    init(_ change: PriceChange) {
        self.init(
            id: change.id.rawValue, sequence: change.sequence, priceListId: change.priceListID.rawValue,
            channel: change.channel, currency: change.currency.code, fromQuantity: change.fromQuantity,
            oldPrice: change.oldPrice.map(Components.Schemas.Money.init),
            newPrice: change.newPrice.map(Components.Schemas.Money.init), recordedAt: change.at)
    }
}

extension Components.Schemas.CatalogCategory {
    init(_ category: Category) {
        self.init(
            id: category.id.rawValue, parentId: category.parentID?.rawValue, name: category.name, slug: category.slug,
            position: category.position)
    }
}

extension Components.Schemas.CategoryNode {
    init(_ node: CategoryNode) {
        let category = node.category
        self.init(
            id: category.id.rawValue, parentId: category.parentID?.rawValue, name: category.name, slug: category.slug,
            position: category.position, children: node.children.map(Components.Schemas.CategoryNode.init))
    }
}

extension Components.Schemas.OptionType {
    init(_ type: OptionType) {
        self.init(code: type.code, name: type.name, values: type.values.map { .init(code: $0.code, name: $0.name) })
    }
}

extension Components.Schemas.PriceList {
    init(_ list: PriceList) {
        self.init(
            id: list.id.rawValue, name: list.name, channel: list.channel, currency: list.currency.code,
            priority: list.priority, customerGroup: list.customerGroup, startsAt: list.startsAt, endsAt: list.endsAt,
            isBase: list.isBase)
    }
}

extension Components.Schemas.CodeAndName {
    init(_ channel: SalesChannel) {
        self.init(code: channel.code, name: channel.name)
    }

    init(_ taxClass: TaxClass) {
        self.init(code: taxClass.code, name: taxClass.name)
    }
}
