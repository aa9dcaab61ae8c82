public import Foundation
public import TorvCore

/// A campaign began (`promotion.started`): its promotions now apply. Sent once, by the campaign clock.
public struct PromotionStarted: DomainEvent, Hashable {
    public static let eventType = "promotion.started"
    public let campaignID: CampaignID
    public let name: String
    public let promotionIDs: [String]
    public let startsAt: Date
}

/// A campaign finished (`promotion.ended`): its promotions no longer apply. Sent once.
public struct PromotionEnded: DomainEvent, Hashable {
    public static let eventType = "promotion.ended"
    public let campaignID: CampaignID
    public let name: String
    public let promotionIDs: [String]
    public let endsAt: Date
}

/// The last unit of a flash sale was sold (`flash_sale.sold_out`): everyone still waiting is told at once.
public struct FlashSaleSoldOut: DomainEvent, Hashable {
    public static let eventType = "flash_sale.sold_out"
    public let saleID: FlashSaleID
    public let title: String
    public let sold: Int
    public let at: Date
}

/// A group deal reached its minimum (`group_deal.tipped`): it will go ahead. Sent once, by the join that tipped it.
public struct GroupDealTipped: DomainEvent, Hashable {
    public static let eventType = "group_deal.tipped"
    public let dealID: GroupDealID
    public let title: String
    public let participants: Int
    public let at: Date
}

/// A group deal was settled (`group_deal.settled`): everyone charged with a voucher, or nobody charged.
public struct GroupDealSettled: DomainEvent, Hashable {
    public static let eventType = "group_deal.settled"
    public let dealID: GroupDealID
    public let status: GroupDealStatus
    public let at: Date
}

/// A group-deal voucher was redeemed at the till (`group_deal.voucher_redeemed`): the participant has what they
/// paid for in advance, so the sale is made. Sent once per voucher, in the redemption's transaction; it carries
/// what the books need (the amount charged and the deal's VAT rate) so they book it the same way when rebuilt.
public struct GroupDealVoucherRedeemed: DomainEvent, Hashable {
    public static let eventType = "group_deal.voucher_redeemed"
    public let code: String
    public let dealID: GroupDealID
    public let participantID: GroupDealParticipantID
    /// The participant's payment (`pay_…`), whose reference is ``participantID``.
    public let paymentID: String
    public let title: String
    /// What the participant was charged for the voucher, tax included.
    public let amount: Money
    /// The deal's VAT rate in basis points (``GroupDeal/vatRate``).
    public let vatRate: Int
    public let at: Date
}
