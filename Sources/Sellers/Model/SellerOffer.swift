public import Foundation
public import TorvCore

/// The state of the item offered.
public enum OfferCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case new, used, refurbished
}

/// Whether an offer is for sale. A paused offer keeps its price and stock but is not shown.
public enum SellerOfferStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active, paused
}

/// A seller's offer of a catalogue variant: their price, condition, stock and handling time.
public struct SellerOffer: Sendable, Hashable, Codable {
    public let id: SellerOfferID
    public let sellerID: SellerID
    /// The catalogue's product and variant (`prod_…`, `var_…`) and the variant's SKU, snapshotted.
    public let productID: String
    public let variantID: String
    public let sku: String
    public let title: String
    public let condition: OfferCondition
    /// What "used" means for this item ("small scratch on the lid").
    public var conditionNote: String?
    public var price: Money
    /// Units the seller has; a sale takes from here.
    public var quantity: Int
    /// Overrides the seller's usual handling time.
    public var handlingDays: Int?
    public var status: SellerOfferStatus
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: SellerOfferID, sellerID: SellerID, productID: String, variantID: String, sku: String, title: String,
        condition: OfferCondition, conditionNote: String?, price: Money, quantity: Int, handlingDays: Int?,
        status: SellerOfferStatus, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.sellerID = sellerID
        self.productID = productID
        self.variantID = variantID
        self.sku = sku
        self.title = title
        self.condition = condition
        self.conditionNote = conditionNote
        self.price = price
        self.quantity = quantity
        self.handlingDays = handlingDays
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A new offer, with the catalogue facts a flow looked up (never taken from the seller's request).
public struct NewSellerOffer: Sendable, Hashable {
    public var productID: String
    public var variantID: String
    public var sku: String
    public var title: String
    public var condition: OfferCondition
    public var conditionNote: String?
    public var price: Money
    public var quantity: Int
    public var handlingDays: Int?
    public var status: SellerOfferStatus

    public init(
        productID: String, variantID: String, sku: String, title: String, condition: OfferCondition,
        conditionNote: String? = nil, price: Money, quantity: Int, handlingDays: Int? = nil,
        status: SellerOfferStatus = .active
    ) {
        self.productID = productID
        self.variantID = variantID
        self.sku = sku
        self.title = title
        self.condition = condition
        self.conditionNote = conditionNote
        self.price = price
        self.quantity = quantity
        self.handlingDays = handlingDays
        self.status = status
    }
}

/// Changes to an offer; `nil` leaves a field as it is.
public struct SellerOfferChanges: Sendable, Hashable {
    public var price: Money?
    public var quantity: Int?
    public var handlingDays: Int?
    public var conditionNote: String?
    public var status: SellerOfferStatus?

    public init(
        price: Money? = nil, quantity: Int? = nil, handlingDays: Int? = nil, conditionNote: String? = nil,
        status: SellerOfferStatus? = nil
    ) {
        self.price = price
        self.quantity = quantity
        self.handlingDays = handlingDays
        self.conditionNote = conditionNote
        self.status = status
    }
}
