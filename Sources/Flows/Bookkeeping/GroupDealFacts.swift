import Checkout
public import Foundation
import Ledger
public import Payments
public import Promotions
public import TorvCore

/// Postings for group-deal money. A participant's capture is a prepayment for a single-purpose voucher:
/// its output VAT is due at payment (at the rate the deal recorded when it was set up), and the net is owed
/// in goods until the merchant redeems the voucher, which turns it into sales. A capture refunded because
/// the deal failed gives the prepayment and its VAT back. Every entry refers to the participant
/// (`gdpart_…`), the reference their payment carries. A deal set up before deals recorded their rate has
/// none: its prepayment is booked whole, without VAT.
public enum GroupDealFacts {
    /// The capture's prepayment, once per payment (a group-deal payment is captured once).
    public static func prepayment(_ captured: PaymentCaptured, vatRate: Int?, date: Date) throws -> Posting {
        let facts = try split(captured.amounts.captured, vatRate: vatRate)
        return Posting(
            rule: PostingRules.groupDealPrepaid, sourceKey: "prepayment:\(captured.paymentID.rawValue)", date: date,
            description: "Group-deal voucher paid in advance",
            document: SourceDocument(type: "group_deal_participant", id: captured.reference), facts: facts)
    }

    /// A refund of a captured participant, once per refund.
    public static func refund(_ refunded: PaymentRefunded, vatRate: Int?, date: Date) throws -> Posting {
        let facts = try split(refunded.refundAmount, vatRate: vatRate)
        return Posting(
            rule: PostingRules.groupDealRefund, sourceKey: "refund:\(refunded.refundID.rawValue)", date: date,
            description: "Group-deal prepayment refunded",
            document: SourceDocument(type: "group_deal_participant", id: refunded.reference), facts: facts)
    }

    /// The sale a redeemed voucher makes, once per voucher (one per participant): what the participant paid,
    /// net of the VAT booked at payment, at the deal's rate.
    public static func redemption(_ redeemed: GroupDealVoucherRedeemed, date: Date) throws -> Posting {
        let facts = try split(redeemed.amount, vatRate: redeemed.vatRate)
        return Posting(
            rule: PostingRules.groupDealVoucherRedeemed, sourceKey: "voucher:\(redeemed.participantID.rawValue)",
            date: date, description: "Group-deal voucher redeemed: \(redeemed.title)",
            document: SourceDocument(type: "group_deal_participant", id: redeemed.participantID.rawValue),
            facts: facts)
    }

    /// `paid` (tax included) as gross, net and VAT at `vatRate`; without a rate, all net.
    public static func split(_ paid: Money, vatRate: Int?) throws -> PostingFacts {
        var facts = PostingFacts(currency: paid.currency)
        facts.add(.gross, paid.amount)
        let vat = try vatRate.map { try TaxCalculation.tax(on: paid, basisPoints: $0, pricesIncludeTax: true) }
        facts.add(.salesNet, paid.amount - (vat?.amount ?? 0), vatRate: vatRate ?? 0)
        facts.add(.vat, vat?.amount ?? 0, vatRate: vatRate ?? 0)
        return facts
    }

    /// What a capture leaves in the prepayments account: the net of `paid` at `vatRate`.
    public static func net(of paid: Money, vatRate: Int?) throws -> Money {
        guard let vatRate else { return paid }
        return try paid.subtracting(try TaxCalculation.tax(on: paid, basisPoints: vatRate, pricesIncludeTax: true))
    }
}
