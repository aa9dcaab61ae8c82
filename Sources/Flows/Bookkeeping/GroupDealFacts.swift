import Checkout
public import Foundation
import Ledger
public import Payments
public import Promotions
import TorvCore

/// Postings for group-deal money. A participant's capture is a prepayment for a voucher, not yet a sale:
/// the shop owes the goods until the merchant redeems the voucher, and a capture refunded because the
/// deal failed gives the prepayment back. Redeeming the voucher turns the prepayment into sales and
/// output VAT at the rate the deal recorded when it was set up. Every entry refers to the participant
/// (`gdpart_…`), the reference their payment carries.
public enum GroupDealFacts {
    /// The capture's prepayment, once per payment (a group-deal payment is captured once).
    public static func prepayment(_ captured: PaymentCaptured, date: Date) -> Posting {
        var facts = PostingFacts(currency: captured.amounts.captured.currency)
        facts.add(.gross, captured.amounts.captured.amount)
        return Posting(
            rule: PostingRules.groupDealPrepaid, sourceKey: "prepayment:\(captured.paymentID.rawValue)", date: date,
            description: "Group-deal voucher paid in advance",
            document: SourceDocument(type: "group_deal_participant", id: captured.reference), facts: facts)
    }

    /// A refund of a captured participant, once per refund.
    public static func refund(_ refunded: PaymentRefunded, date: Date) -> Posting {
        var facts = PostingFacts(currency: refunded.refundAmount.currency)
        facts.add(.gross, refunded.refundAmount.amount)
        return Posting(
            rule: PostingRules.groupDealRefund, sourceKey: "refund:\(refunded.refundID.rawValue)", date: date,
            description: "Group-deal prepayment refunded",
            document: SourceDocument(type: "group_deal_participant", id: refunded.reference), facts: facts)
    }

    /// The sale a redeemed voucher makes, once per voucher (one per participant): what the participant paid,
    /// tax included, split into sales and VAT at the deal's rate.
    public static func redemption(_ redeemed: GroupDealVoucherRedeemed, date: Date) throws -> Posting {
        let vat = try TaxCalculation.tax(on: redeemed.amount, basisPoints: redeemed.vatRate, pricesIncludeTax: true)
        var facts = PostingFacts(currency: redeemed.amount.currency)
        facts.add(.gross, redeemed.amount.amount)
        facts.add(.salesNet, redeemed.amount.amount - vat.amount, vatRate: redeemed.vatRate)
        facts.add(.vat, vat.amount, vatRate: redeemed.vatRate)
        return Posting(
            rule: PostingRules.groupDealVoucherRedeemed, sourceKey: "voucher:\(redeemed.participantID.rawValue)",
            date: date, description: "Group-deal voucher redeemed: \(redeemed.title)",
            document: SourceDocument(type: "group_deal_participant", id: redeemed.participantID.rawValue),
            facts: facts)
    }
}
