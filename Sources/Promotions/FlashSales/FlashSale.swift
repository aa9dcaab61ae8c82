public import Foundation
public import TorvCore

public enum FlashSalePrefix: IDPrefix { public static let prefix = "flash" }
/// A limited quantity of one SKU at a special price for a time window.
public typealias FlashSaleID = TypedID<FlashSalePrefix>

public enum FlashClaimPrefix: IDPrefix { public static let prefix = "fclaim" }
/// One unit of a flash sale held for one admitted shopper.
public typealias FlashClaimID = TypedID<FlashClaimPrefix>

/// A quantity of one SKU allocated at a special price for a window, held apart from regular stock.
///
/// "While stocks last" is exact: ``held`` + ``sold`` + ``withdrawn`` never pass ``quantity`` (a CHECK
/// behind one guarded update per claim), so the sale never sells one unit more than it was given.
/// Shoppers reach it through a waiting room (``WaitingRoom``) that admits them in arrival order.
public struct FlashSale: Sendable, Hashable, Codable, Identifiable {
    public var id: FlashSaleID
    public var title: String
    public var productID: String
    public var variantID: String
    public var sku: String
    public var channel: String
    public var price: Money
    /// Units allocated to the sale.
    public var quantity: Int
    /// Units one customer may buy in the sale, over all their claims.
    public var perCustomerLimit: Int
    public var startsAt: Date
    public var endsAt: Date
    public var room: WaitingRoom
    public var campaignID: CampaignID?
    /// The inventory reservation that keeps the sale's units apart from regular stock.
    public var stockHoldID: String?
    /// Units claimed by admitted shoppers and not yet ordered; they come back when a claim expires.
    public var held: Int
    public var sold: Int
    /// Units that went back to regular stock (an order that was never paid); the sale cannot sell them again.
    public var withdrawn: Int
    /// Shoppers who joined the queue.
    public var queueLength: Int
    public var soldOutAt: Date?
    public var cancelledAt: Date?
    public var createdAt: Date

    public init(
        id: FlashSaleID, title: String, productID: String, variantID: String, sku: String, channel: String,
        price: Money, quantity: Int, perCustomerLimit: Int, startsAt: Date, endsAt: Date, room: WaitingRoom,
        campaignID: CampaignID?, stockHoldID: String?, held: Int, sold: Int, withdrawn: Int, queueLength: Int,
        soldOutAt: Date?, cancelledAt: Date?, createdAt: Date
    ) {
        self.id = id
        self.title = title
        self.productID = productID
        self.variantID = variantID
        self.sku = sku
        self.channel = channel
        self.price = price
        self.quantity = quantity
        self.perCustomerLimit = perCustomerLimit
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.room = room
        self.campaignID = campaignID
        self.stockHoldID = stockHoldID
        self.held = held
        self.sold = sold
        self.withdrawn = withdrawn
        self.queueLength = queueLength
        self.soldOutAt = soldOutAt
        self.cancelledAt = cancelledAt
        self.createdAt = createdAt
    }

    /// Units nobody holds or bought: what the next admitted shopper can claim.
    public var left: Int { max(0, quantity - held - sold - withdrawn) }
    /// Nothing will come back: every unit is sold (or went back to regular stock).
    public var isSoldOut: Bool { sold + withdrawn >= quantity }

    public func phase(at now: Date) -> FlashSalePhase {
        if cancelledAt != nil { return .cancelled }
        if now < startsAt { return .scheduled }
        if now >= endsAt { return .ended }
        return isSoldOut ? .soldOut : .live
    }
}

public enum FlashSalePhase: String, Sendable, Hashable, Codable, CaseIterable {
    case scheduled
    case live
    case soldOut = "sold_out"
    case ended
    case cancelled
}

/// A flash sale as staff set it up.
public struct NewFlashSale: Sendable, Hashable {
    public var title: String
    public var variantID: String
    public var channel: String
    public var price: Money
    public var quantity: Int
    public var perCustomerLimit: Int
    public var startsAt: Date
    public var endsAt: Date
    public var admissionsPerMinute: Int
    public var holdMinutes: Int
    public var campaignID: CampaignID?

    public init(
        title: String, variantID: String, channel: String, price: Money, quantity: Int, perCustomerLimit: Int = 1,
        startsAt: Date, endsAt: Date, admissionsPerMinute: Int = 600, holdMinutes: Int = 10,
        campaignID: CampaignID? = nil
    ) {
        self.title = title
        self.variantID = variantID
        self.channel = channel
        self.price = price
        self.quantity = quantity
        self.perCustomerLimit = perCustomerLimit
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.admissionsPerMinute = admissionsPerMinute
        self.holdMinutes = holdMinutes
        self.campaignID = campaignID
    }
}

/// A unit held for one shopper, until it is ordered or its time is up.
public struct FlashClaim: Sendable, Hashable, Codable, Identifiable {
    public var id: FlashClaimID
    public var saleID: FlashSaleID
    public var customerID: String
    public var status: FlashClaimStatus
    public var expiresAt: Date
    /// The checkout that ordered it.
    public var reference: String?
    public var createdAt: Date
}

public enum FlashClaimStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case held
    case ordered
    /// Not ordered in time: the unit went back to the sale.
    case expired
    /// Its order was never paid: the unit went back to regular stock.
    case released
}
