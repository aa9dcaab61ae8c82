import Catalog
import Flows
import Foundation
import Persistence
import Promotions
import TorvCore

/// The forms on a product's page, each doing what the matching admin API operation does.
extension ConsolePages {
    /// Runs one of the product page's forms and names the page to go to afterwards.
    func editProduct(
        _ action: CatalogEditingForm, _ id: ProductID, variant: String?, form: FormData, visit: StaffVisit
    ) async throws -> String {
        switch action {
        case .create: throw CatalogError.productNotFound
        case .details: return try await updateDetails(id, form: form, visit: visit)
        case .channels: return try await updateChannels(id, form: form, visit: visit)
        case .variant: return try await addVariant(id, form: form, visit: visit)
        case .generate: return try await generateVariants(id, form: form, visit: visit)
        case .variantEdit: return try await updateVariant(id, variant: variant ?? "", form: form, visit: visit)
        case .price: return try await setPrice(id, form: form, visit: visit)
        case .priceList: return try await createPriceList(id, form: form, visit: visit)
        }
    }

    /// As the API's `updateCatalogProduct`: read, change what the form holds, write back, serializable so
    /// a concurrent change to another field (attributes, media) is kept. An empty brand, category or
    /// purchasable-from time clears it.
    private func updateDetails(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        let brand = form["brand"] ?? ""
        let category = try Self.category(form)
        let purchasableFrom = try purchasableFrom(form)
        let (catalog, actor) = (platform.catalog, visit.actor)
        try await platform.database.inTransaction(isolation: .serializable) { db in
            let current = try await catalog.product(id, on: db)
            var details = current.details
            details.title = form["title"] ?? ""
            details.slug = form["slug"] ?? ""
            details.description = form["description"] ?? ""
            details.brand = brand.isEmpty ? nil : brand
            details.categoryID = category
            details.taxClass = form["tax_class"] ?? details.taxClass
            details.purchasableFrom = purchasableFrom
            if details != current.details {
                _ = try await catalog.updateProduct(id, details: details, by: actor, on: db)
            }
        }
        return CatalogEditingNotice.details.location(of: id)
    }

    private func purchasableFrom(_ form: FormData) throws -> Date? {
        try moment(form, "purchasable_from", "Purchasable from")
    }

    /// A wall-clock time typed in the shop's zone; empty is none.
    func moment(_ form: FormData, _ name: String, _ label: String) throws -> Date? {
        let typed = form[name] ?? ""
        guard !typed.isEmpty else { return nil }
        guard let date = CampaignSchedule.instant(typed, in: settings.timeZone.identifier) else {
            throw CatalogEditingProblem(
                message: "\(label) must be a date and time, such as 2027-11-27T09:00, or empty.")
        }
        return date
    }

    /// As the API's `setProductChannels`: exactly the ticked channels.
    private func updateChannels(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        let channels = Set(form.values("channel"))
        let (catalog, actor) = (platform.catalog, visit.actor)
        _ = try await platform.database.inTransaction { db in
            try await catalog.setChannels(channels, of: id, by: actor, on: db)
        }
        return CatalogEditingNotice.channels.location(of: id)
    }

    /// As the API's `addCatalogVariant`: a SKU and one value of each of the product's option types.
    private func addVariant(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        let (catalog, actor) = (platform.catalog, visit.actor)
        let product = try await platform.database.read { db in try await catalog.product(id, on: db) }
        let options = Dictionary(
            product.optionTypes.map { ($0, form["option_\($0)"] ?? "") }, uniquingKeysWith: { first, _ in first })
        let draft = NewVariant(
            sku: form["sku"] ?? "", options: options, barcode: Self.optional(form["barcode"]),
            weightGrams: try Self.grams(form))
        _ = try await platform.database.inTransaction { db in
            try await catalog.addVariant(draft, to: id, by: actor, on: db)
        }
        return CatalogEditingNotice.variant.location(of: id)
    }

    /// As the API's `generateCatalogVariants`: every missing combination of the ticked values.
    private func generateVariants(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        let (catalog, actor) = (platform.catalog, visit.actor)
        let product = try await platform.database.read { db in try await catalog.product(id, on: db) }
        let values = Dictionary(
            product.optionTypes.map { ($0, form.values("values_\($0)")) }, uniquingKeysWith: { first, _ in first })
        guard values.values.allSatisfy({ !$0.isEmpty }) else {
            throw CatalogEditingProblem(message: "Tick at least one value of each option.")
        }
        let (skuBase, weight) = (form["sku_base"] ?? "", try Self.grams(form))
        let created = try await platform.database.inTransaction { db in
            try await catalog.generateVariants(
                for: id, values: values, skuBase: skuBase, weightGrams: weight, by: actor, on: db)
        }
        return (created.isEmpty ? CatalogEditingNotice.noNewVariants : .variants).location(of: id)
    }

    /// As the API's `updateCatalogVariant`, with every field sent: an empty barcode or weight clears it.
    private func updateVariant(
        _ id: ProductID, variant raw: String, form: FormData, visit: StaffVisit
    ) async throws -> String {
        guard let variantID = VariantID(raw) else { throw CatalogError.variantNotFound }
        let details = VariantDetails(
            sku: form["sku"] ?? "", barcode: Self.optional(form["barcode"]), weightGrams: try Self.grams(form))
        let (catalog, actor) = (platform.catalog, visit.actor)
        try await platform.database.inTransaction(isolation: .serializable) { db in
            let current = try await catalog.variant(variantID, on: db)
            guard current.productID == id else { throw CatalogError.variantNotFound }
            let unchanged = VariantDetails(sku: current.sku, barcode: current.barcode, weightGrams: current.weightGrams)
            if details != unchanged { _ = try await catalog.updateVariant(variantID, details, by: actor, on: db) }
        }
        return CatalogEditingNotice.variantChanged.location(of: id)
    }

    /// As the API's `setVariantPrice`: the amount in the channel's base price list for the currency, read
    /// exactly into minor units by ``Money/parse(_:currency:)`` (the CSV import's reader), never through a
    /// floating-point number. With a price list chosen, as the API's `setPriceListPrice`: that list's
    /// channel applies, and the currency must be the list's.
    private func setPrice(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        guard let variantID = VariantID(form["variant_id"] ?? "") else { throw CatalogError.variantNotFound }
        let currency = try Self.currency(form)
        // The form's second button removes the tier instead (the API's `removePriceListPrice`).
        let removing = form["intent"] == "remove"
        let price: Money?
        do {
            price = removing ? nil : try Money.parse(form["amount"] ?? "", currency: currency)
        } catch {
            throw CatalogEditingProblem(
                message: "The price must be written like 12.50 (in \(currency.code)). \(error.message)")
        }
        guard let fromQuantity = Int(form["from_quantity"] ?? "") else {
            throw CatalogEditingProblem(message: "From quantity must be a whole number, 1 or more.")
        }
        let chosen = form["price_list_id"] ?? ""
        let listID = chosen.isEmpty ? nil : PriceListID(chosen)
        guard chosen.isEmpty || listID != nil else { throw CatalogError.priceListNotFound }
        let (catalog, actor, channel) = (platform.catalog, visit.actor, form["channel"] ?? "")
        let changed = try await platform.database.inTransaction { db in
            guard try await catalog.variant(variantID, on: db).productID == id else {
                throw CatalogError.variantNotFound
            }
            let list: PriceList
            if let listID {
                list = try await catalog.priceList(listID, on: db)
            } else {
                list = try await catalog.basePriceList(channel: channel, currency: currency, by: actor, on: db)
            }
            guard let price else {
                return try await catalog.removePrice(
                    of: variantID, in: list.id, fromQuantity: fromQuantity, by: actor, on: db) != nil
            }
            return try await catalog.setPrice(
                price, of: variantID, in: list.id, fromQuantity: fromQuantity, by: actor, on: db)
                != nil
        }
        let notice: CatalogEditingNotice =
            switch (removing, changed) {
            case (false, true): .price
            case (false, false): .priceUnchanged
            case (true, true): .priceRemoved
            case (true, false): .noSuchPrice
            }
        return notice.location(of: id)
    }

    /// As the API's `createPriceList`: a sale or customer-group list for one channel and currency, which
    /// the price form then offers.
    private func createPriceList(_ id: ProductID, form: FormData, visit: StaffVisit) async throws -> String {
        let group = form["customer_group"] ?? ""
        guard let priority = Int(form["priority"] ?? "") else {
            throw CatalogEditingProblem(message: "The priority must be a whole number; higher wins.")
        }
        let draft = NewPriceList(
            name: form["name"] ?? "", channel: form["channel"] ?? "", currency: try Self.currency(form),
            priority: priority, customerGroup: group.isEmpty ? nil : group,
            startsAt: try moment(form, "starts_at", "Starts"), endsAt: try moment(form, "ends_at", "Ends"))
        let (catalog, actor) = (platform.catalog, visit.actor)
        _ = try await platform.database.inTransaction { db in
            try await catalog.createPriceList(draft, by: actor, on: db)
        }
        return CatalogEditingNotice.priceList.location(of: id)
    }

    private static func currency(_ form: FormData) throws -> Currency {
        guard let currency = Currency(code: (form["currency"] ?? "").uppercased()) else {
            throw CatalogEditingProblem(message: "The currency must be an ISO 4217 code, such as EUR.")
        }
        return currency
    }

    /// The weight typed in grams; empty is no weight.
    private static func grams(_ form: FormData) throws -> Int? {
        guard let typed = optional(form["weight_grams"]) else { return nil }
        guard let grams = Int(typed) else {
            throw CatalogEditingProblem(message: "The weight must be a whole number of grams, or empty.")
        }
        return grams
    }
}
