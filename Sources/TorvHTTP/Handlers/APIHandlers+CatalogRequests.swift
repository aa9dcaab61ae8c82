import Catalog
import Foundation
import TorvAPI
import TorvCore

/// Request bodies of the back-office catalogue, read into the catalogue's own values. Field rules
/// (lengths, slugs, GTINs) are the catalogue's; only IDs and currencies are parsed here.
extension APIHandlers {
    static func newProduct(_ body: Components.Schemas.NewCatalogProduct) throws -> NewProduct {
        var ids = FieldIDs()
        let category = body.categoryId.map { ids.id($0, as: CategoryID.self, at: "/category_id") }
        try ids.finish()
        let details = ProductDetails(
            title: body.title, slug: body.slug, description: body.description ?? "", brand: body.brand,
            categoryID: category, taxClass: body.taxClass ?? "standard", purchasableFrom: body.purchasableFrom,
            attributes: attributes(body.attributes?.additionalProperties), media: media(body.media))
        return NewProduct(
            details, optionTypes: body.optionTypes ?? [], channels: Set(body.channels ?? []),
            variants: (body.variants ?? []).map(newVariant))
    }

    static func newVariant(_ body: Components.Schemas.NewCatalogVariant) -> NewVariant {
        NewVariant(
            sku: body.sku, options: body.options?.additionalProperties ?? [:], barcode: body.barcode,
            weightGrams: body.weightGrams)
    }

    /// The details after the change: sent fields replace, `clear` empties, everything else stays.
    static func applying(
        _ change: Components.Schemas.CatalogProductChange, to details: ProductDetails
    ) throws -> ProductDetails {
        var details = details
        let clear = Set((change.clear ?? []).map(\.rawValue))
        var v = Validator()
        for field in clear.sorted() {
            let sent =
                switch field {
                case "brand": change.brand != nil
                case "category_id": change.categoryId != nil
                default: change.purchasableFrom != nil
                }
            v.check(!sent, "/clear", "names \(field), which is also sent", code: "conflicting_fields")
        }
        try v.finish()
        var ids = FieldIDs()
        if let title = change.title { details.title = title }
        if let slug = change.slug { details.slug = slug }
        if let description = change.description { details.description = description }
        if let brand = change.brand { details.brand = brand }
        if let category = change.categoryId {
            details.categoryID = ids.id(category, as: CategoryID.self, at: "/category_id")
        }
        if let taxClass = change.taxClass { details.taxClass = taxClass }
        if let from = change.purchasableFrom { details.purchasableFrom = from }
        if change.attributes != nil { details.attributes = attributes(change.attributes?.additionalProperties) }
        if change.media != nil { details.media = media(change.media) }
        try ids.finish()
        if clear.contains("brand") { details.brand = nil }
        if clear.contains("category_id") { details.categoryID = nil }
        if clear.contains("purchasable_from") { details.purchasableFrom = nil }
        return details
    }

    static func applying(
        _ change: Components.Schemas.CatalogVariantChange, to variant: Variant
    ) throws -> VariantDetails {
        let clear = Set((change.clear ?? []).map(\.rawValue))
        var v = Validator()
        v.check(
            !(clear.contains("barcode") && change.barcode != nil), "/clear", "names barcode, which is also sent",
            code: "conflicting_fields")
        v.check(
            !(clear.contains("weight_grams") && change.weightGrams != nil), "/clear",
            "names weight_grams, which is also sent", code: "conflicting_fields")
        try v.finish()
        return VariantDetails(
            sku: change.sku ?? variant.sku,
            barcode: clear.contains("barcode") ? nil : change.barcode ?? variant.barcode,
            weightGrams: clear.contains("weight_grams") ? nil : change.weightGrams ?? variant.weightGrams)
    }

    static func attributes(_ values: [String: Components.Schemas.AttributeValue]?) -> [String: AttributeValue] {
        (values ?? [:]).mapValues(AttributeValue.init)
    }

    static func media(_ items: [Components.Schemas.MediaItem]?) -> [MediaReference] {
        (items ?? []).map { MediaReference(url: $0.url, altText: $0.altText ?? "") }
    }
}
