public import Foundation
public import TorvCore

public enum GroupDealPrefix: IDPrefix { public static let prefix = "gdeal" }
/// A group deal: one variant sold at a lower price once enough shoppers commit to it.
public typealias GroupDealID = TypedID<GroupDealPrefix>

/// The price per unit from a number of participants on. More buyers, lower price.
public struct GroupDealTier: Sendable, Hashable, Codable {
    public var fromParticipants: Int
    public var unitPrice: Money

    public init(fromParticipants: Int, unitPrice: Money) {
        self.fromParticipants = fromParticipants
        self.unitPrice = unitPrice
    }
}

/// What is stored about a deal's outcome. Only the outcome is stored: whether it is scheduled, open or tipped
/// follows from the clock and the participants (``GroupDeal/phase(at:participants:)``), so it can never
/// disagree with them.
public enum GroupDealStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not settled yet, whatever the clock says.
    case open
    /// Every remaining participant was charged the final price and holds a voucher.
    case succeeded
    /// Every authorisation was voided or every charge refunded.
    case failed
}

/// Where a deal is in its life, as the storefront and the settlement job see it.
public enum GroupDealPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Before ``GroupDeal/opensAt``: shown with a countdown, not joinable.
    case scheduled
    /// Joinable, fewer participants than the minimum so far.
    case open
    /// Joinable (unless full), the minimum is reached: it will go ahead.
    case tipped
    /// Past the deadline, or full, and not settled yet: the outcome is fixed and settlement is due.
    case awaitingSettlement
    case succeeded
    case failed
}

/// A group-buying offer on one variant: shoppers join by authorising payment, and if at least
/// ``minParticipants`` are in at the ``deadline`` everyone is charged the tier price reached, once; if not,
/// nobody is charged. There is no half outcome.
///
/// Product, variant and SKU are references into the catalogue by ID (modules never import each other) and are
/// snapshotted here so the deal still reads correctly if the catalogue changes while it runs.
public struct GroupDeal: Sendable, Hashable, Codable, Identifiable {
    public var id: GroupDealID
    public var title: String
    public var productID: String
    public var variantID: String
    public var sku: String
    /// The price outside the deal, shown struck through; no tier may be above it.
    public var regularPrice: Money
    /// Ascending in participants, descending in price; the first applies until the second is reached.
    public var tiers: [GroupDealTier]
    /// The tipping point.
    public var minParticipants: Int
    /// `nil` for no limit; a deal with a limit settles as soon as it is full.
    public var maxParticipants: Int?
    public var maxQuantityPerParticipant: Int
    public var opensAt: Date
    /// Joins at or after this instant, by the server's clock, are refused.
    public var deadline: Date
    /// How long each voucher may be redeemed, counted in whole days of 24 hours from its issue.
    public var voucherValidDays: Int
    /// The variant's tax class and its VAT rate in basis points in the shop's home country, snapshotted when
    /// the deal was set up (as orders snapshot their tax), so a voucher redeemed months later books the VAT the
    /// deal was sold at. `nil` for deals set up before they were recorded, until their first redemption.
    public var taxClass: String?
    public var vatRate: Int?
    public var createdAt: Date
    public var status: GroupDealStatus
    /// When the join that reached the minimum was taken; tipping cannot be undone (see ``GroupDealJoin``).
    public var tippedAt: Date?
    /// When the last settlement action ran and ``status`` became `succeeded` or `failed`.
    public var settledAt: Date?

    /// A new, open deal from validated input (``GroupDealRules/requireValid(_:now:)``).
    public init(id: GroupDealID, _ new: NewGroupDeal, createdAt: Date) {
        self.id = id
        self.title = new.title
        self.productID = new.productID
        self.variantID = new.variantID
        self.sku = new.sku
        self.regularPrice = new.regularPrice
        self.tiers = new.tiers
        self.minParticipants = new.minParticipants
        self.maxParticipants = new.maxParticipants
        self.maxQuantityPerParticipant = new.maxQuantityPerParticipant
        self.opensAt = new.opensAt
        self.deadline = new.deadline
        self.voucherValidDays = new.voucherValidDays
        self.taxClass = new.taxClass
        self.vatRate = new.vatRate
        self.createdAt = createdAt
        self.status = .open
        self.tippedAt = nil
        self.settledAt = nil
    }

    /// Whether no one else may join. Counts participants, not units: the tiers and the tipping point do too.
    public func isFull(participants: Int) -> Bool {
        guard let maxParticipants else { return false }
        return participants >= maxParticipants
    }

    /// Whether the outcome can no longer change, so settlement may run: at the deadline, or earlier once full
    /// (a full deal takes no joins and, having tipped, allows no leaving).
    public func isDue(at now: Date, participants: Int) -> Bool {
        now >= deadline || isFull(participants: participants)
    }

    /// The phase at `now` with `participants` joined and not left; a count, so lists can pass a SQL `COUNT`.
    public func phase(at now: Date, participants: Int) -> GroupDealPhase {
        switch status {
        case .succeeded: return .succeeded
        case .failed: return .failed
        case .open: break
        }
        if now < opensAt { return .scheduled }
        if isDue(at: now, participants: participants) { return .awaitingSettlement }
        return participants >= minParticipants ? .tipped : .open
    }

    /// When a voucher issued at `issuedAt` stops being redeemable.
    public func voucherExpiry(issuedAt: Date) -> Date {
        issuedAt.addingTimeInterval(TimeInterval(voucherValidDays) * 86_400)
    }
}

/// A group deal as staff define it, before validation (``GroupDealRules/validate(_:now:)``).
public struct NewGroupDeal: Sendable, Hashable, Codable {
    public var title: String
    public var productID: String
    public var variantID: String
    public var sku: String
    public var regularPrice: Money
    public var tiers: [GroupDealTier]
    public var minParticipants: Int
    public var maxParticipants: Int?
    public var maxQuantityPerParticipant: Int
    public var opensAt: Date
    public var deadline: Date
    public var voucherValidDays: Int
    public var taxClass: String?
    public var vatRate: Int?

    public init(
        title: String, productID: String, variantID: String, sku: String, regularPrice: Money,
        tiers: [GroupDealTier], minParticipants: Int, maxParticipants: Int? = nil, maxQuantityPerParticipant: Int = 1,
        opensAt: Date, deadline: Date, voucherValidDays: Int, taxClass: String? = nil, vatRate: Int? = nil
    ) {
        self.title = title
        self.productID = productID
        self.variantID = variantID
        self.sku = sku
        self.regularPrice = regularPrice
        self.tiers = tiers
        self.minParticipants = minParticipants
        self.maxParticipants = maxParticipants
        self.maxQuantityPerParticipant = maxQuantityPerParticipant
        self.opensAt = opensAt
        self.deadline = deadline
        self.voucherValidDays = voucherValidDays
        self.taxClass = taxClass
        self.vatRate = vatRate
    }
}
