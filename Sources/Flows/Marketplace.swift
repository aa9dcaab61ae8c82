public import Catalog
public import Identity
public import Persistence
import Reviews
import SQLKit
public import Sellers
public import TorvCore

/// What a seller types to list a catalogue variant; the product, SKU and title come from the catalogue.
public struct OfferListing: Sendable, Hashable {
    public var variantID: String
    public var condition: OfferCondition
    public var conditionNote: String?
    public var price: Money
    public var quantity: Int
    public var handlingDays: Int?
    public var status: SellerOfferStatus

    public init(
        variantID: String, condition: OfferCondition = .new, conditionNote: String? = nil, price: Money, quantity: Int,
        handlingDays: Int? = nil, status: SellerOfferStatus = .active
    ) {
        self.variantID = variantID
        self.condition = condition
        self.conditionNote = conditionNote
        self.price = price
        self.quantity = quantity
        self.handlingDays = handlingDays
        self.status = status
    }
}

/// One offer on a product page: the offer, its seller, and where the buy box ranked it and why.
public struct RankedOffer: Sendable, Hashable {
    public let offer: SellerOffer
    public let seller: Seller
    public let ranking: BuyBoxEntry
    /// Whether this offer is the buy box's default.
    public let isDefault: Bool
}

/// Refusals of the marketplace flows that are about catalogue facts.
public enum MarketplaceFlowError: DomainError, Hashable {
    case variantNotFound

    public var code: String { "variant_not_found" }
    public var kind: ErrorKind { .invalid }
    public var message: String { "No published product has this variant." }
    public var fieldErrors: [FieldError] { [FieldError(pointer: "/variant_id", message: message, code: code)] }
}

/// The marketplace across modules: sellers (Sellers) with their sign-ins (Identity), offers of catalogue
/// variants (Catalog), and the platform fee on each line.
public enum Marketplace {
    /// Someone applies to sell: the seller (in `applied`) and its owner's sign-in, in one transaction, so
    /// there is never a seller nobody can sign in for, nor a sign-in for no seller.
    public static func apply(
        _ application: SellerApplication, ownerEmail: String, ownerPassword: String, ownerName: String,
        requestID: String?, on platform: Platform
    ) async throws -> (Seller, SellerUser) {
        var v = Validator()
        SellerFields.check(application, into: &v)
        let owner: SellerUserDraft
        do {
            owner = try await platform.identity.prepareSellerUser(
                email: ownerEmail, password: ownerPassword, name: ownerName, role: .owner, at: "/owner")
        } catch let error as ValidationError {
            // Every problem of the form at once: the seller's and the owner's.
            throw ValidationError(v.errors + error.fieldErrors)
        }
        try v.finish()
        return try await platform.database.inTransaction { db in
            let seller = try await platform.sellers.apply(application, by: .applicant, requestID: requestID, on: db)
            let user = try await platform.identity.insertSellerUser(
                owner, sellerID: seller.id.rawValue, by: .applicant, on: db)
            return (seller, user)
        }
    }

    /// Lists a catalogue variant for a seller, with the product's facts from the catalogue.
    public static func listOffer(
        _ listing: OfferListing, for sellerID: SellerID, by actor: AuditActor, on platform: Platform
    ) async throws -> SellerOffer {
        try await platform.database.inTransaction { db in
            let (variant, product) = try await catalogueFacts(of: listing.variantID, on: platform, db: db)
            let new = NewSellerOffer(
                productID: product.id.rawValue, variantID: variant.id.rawValue, sku: variant.sku,
                title: title(of: product, variant), condition: listing.condition, conditionNote: listing.conditionNote,
                price: listing.price, quantity: listing.quantity, handlingDays: listing.handlingDays,
                status: listing.status)
            return try await platform.sellers.createOffer(for: sellerID, new, by: actor, on: db)
        }
    }

    /// The platform fee a seller would pay for selling `quantity` of a variant at `unitPrice`: shown
    /// before they list, computed by the same schedule a sale uses.
    public static func feePreview(
        for sellerID: SellerID, variantID: String, unitPrice: Money, quantity: Int, on platform: Platform
    ) async throws -> CommissionQuote {
        var v = Validator()
        v.check(unitPrice.isPositive, "/unit_price/amount", "must be more than zero", code: "out_of_range")
        v.check((1...10_000).contains(quantity), "/quantity", "must be 1 to 10000", code: "out_of_range")
        try v.finish()
        return try await platform.database.read { db in
            let seller = try await platform.sellers.seller(sellerID, on: db)
            let (_, product) = try await catalogueFacts(of: variantID, on: platform, db: db)
            let line = CommissionLine(
                sellerID: sellerID.rawValue, sellerPlan: seller.plan,
                categoryPath: try await categoryPath(of: product, on: platform, db: db), unitPrice: unitPrice,
                quantity: quantity)
            return try CommissionSchedule.quote(line, rules: try await platform.sellers.commissionRules(on: db))
        }
    }

    /// The fee a seller would pay for a line of `quantity` at `unitPrice` in a category (or none): what
    /// the operator checks the rate card with, computed by the same schedule a sale uses.
    public static func feePreview(
        for sellerID: SellerID, categoryID: CategoryID?, unitPrice: Money, quantity: Int, on platform: Platform
    ) async throws -> CommissionQuote {
        var v = Validator()
        v.check(unitPrice.isPositive, "/unit_price/amount", "must be more than zero", code: "out_of_range")
        v.check((1...10_000).contains(quantity), "/quantity", "must be 1 to 10000", code: "out_of_range")
        try v.finish()
        return try await platform.database.read { db in
            let seller = try await platform.sellers.seller(sellerID, on: db)
            let line = CommissionLine(
                sellerID: sellerID.rawValue, sellerPlan: seller.plan,
                categoryPath: try await categoryPath(from: categoryID, on: platform, db: db), unitPrice: unitPrice,
                quantity: quantity)
            return try CommissionSchedule.quote(line, rules: try await platform.sellers.commissionRules(on: db))
        }
    }

    /// A product's live offers in buy-box order: the first eligible one is the default offer, the others
    /// stay visible with the reasons for their place.
    public static func offers(forProduct productID: ProductID, on platform: Platform) async throws -> [RankedOffer] {
        let now = platform.clock.now()
        let (live, ratings) = try await platform.database.read { db in
            let live = try await platform.sellers.liveOffers(forProduct: productID.rawValue, on: db)
            // Every seller's published rating in one query, not one per offer.
            let sellerIDs = Array(Set(live.map { $0.seller.id.rawValue }))
            return (live, try await platform.reviews.ratings(ofSellers: sellerIDs, on: db))
        }
        let candidates = live.map { offer, seller in
            let rating = ratings[seller.id.rawValue] ?? .empty
            return BuyBoxCandidate(
                offerID: offer.id.rawValue, sellerID: seller.id.rawValue, price: offer.price,
                shipping: shipping(of: seller, forUnitPrice: offer.price),
                condition: offer.condition, handlingDays: offer.handlingDays ?? seller.profile.handlingDays,
                ratingAverage: rating.averageHundredths, ratingCount: rating.count, available: offer.quantity,
                sellerActive: seller.isTrading(at: now))
        }
        let byID = Dictionary(uniqueKeysWithValues: live.map { ($0.offer.id.rawValue, $0) })
        let ranking = BuyBox.rank(candidates)
        let winner = ranking.first(where: \.eligible)?.offerID
        return ranking.compactMap { entry in
            byID[entry.offerID].map {
                RankedOffer(offer: $0.offer, seller: $0.seller, ranking: entry, isDefault: entry.offerID == winner)
            }
        }
    }

    /// What one unit costs to ship from a seller: their fee, or nothing once the unit alone reaches their
    /// free-shipping threshold (a fee in another currency than the offer counts as unknown: zero, and the
    /// buy box then sees the offer's own price only).
    static func shipping(of seller: Seller, forUnitPrice price: Money) -> Money {
        guard let fee = seller.profile.shippingFee, fee.currency == price.currency else { return .zero(price.currency) }
        if let free = seller.profile.freeShippingFrom, free.currency == price.currency, price.amount >= free.amount {
            return .zero(price.currency)
        }
        return fee
    }

    static func catalogueFacts(
        of variantID: String, on platform: Platform, db: any SQLDatabase
    ) async throws -> (Variant, Product) {
        guard let id = VariantID(variantID) else { throw MarketplaceFlowError.variantNotFound }
        do {
            let variant = try await platform.catalog.variant(id, on: db)
            let product = try await platform.catalog.product(variant.productID, on: db)
            guard product.status == .published else { throw MarketplaceFlowError.variantNotFound }
            return (variant, product)
        } catch is CatalogError {
            throw MarketplaceFlowError.variantNotFound
        }
    }

    /// The product's category first, then its parents up to the root.
    static func categoryPath(of product: Product, on platform: Platform, db: any SQLDatabase) async throws -> [String] {
        try await categoryPath(from: product.details.categoryID, on: platform, db: db)
    }

    /// `category` first, then its parents up to the root.
    static func categoryPath(
        from category: CategoryID?, on platform: Platform, db: any SQLDatabase
    ) async throws -> [String] {
        guard var current = category else { return [] }
        let parents = Dictionary(
            uniqueKeysWithValues: try await platform.catalog.categories(on: db).map { ($0.id, $0.parentID) })
        var path: [String] = []
        while path.count < 50 {
            path.append(current.rawValue)
            guard let parent = parents[current] ?? nil else { break }
            current = parent
        }
        return path
    }

    static func title(of product: Product, _ variant: Variant) -> String {
        let options = variant.options.map(\.value).joined(separator: " / ")
        return options.isEmpty ? product.title : "\(product.title) — \(options)"
    }
}

extension AuditActor {
    /// Someone applying to sell, not signed in yet.
    static let applicant = AuditActor(kind: "applicant", id: "anonymous")
}
