import Ledger

/// The posting schedule: which accounts each kind of business event moves. Debits and credits of
/// every rule balance for any facts its event gives (the tests prove it rule by rule), so the ledger
/// never sees an unbalanced automatic entry.
public enum PostingRules {
    typealias Chart = DefaultChart

    /// A card sale: the provider owes us the gross; goods, shipping and VAT are credited, the discount
    /// is shown as a reduction of sales rather than hidden in a lower price.
    /// Gift cards that paid part of it settle that part of what the shop owed on them.
    public static let cardSale = PostingRule(
        "sale.card",
        [
            .debit(Chart.paymentClearing, .gross),
            .debit(Chart.giftCardLiability, .giftCard),
            .credit(Chart.sales, .salesNet),
            .debit(Chart.discounts, .discountNet),
            .credit(Chart.shippingRevenue, .shippingNet),
            .credit(Chart.vatPayable, .vat),
            .credit(Chart.sellerPayables, .sellerPayable),
            .credit(Chart.platformFees, .platformFee),
        ])

    /// A sale on invoice (B2B net terms): the customer owes us the gross.
    public static let invoiceSale = PostingRule(
        "sale.invoice",
        [
            .debit(Chart.receivables, .gross),
            .debit(Chart.giftCardLiability, .giftCard),
            .credit(Chart.sales, .salesNet),
            .debit(Chart.discounts, .discountNet),
            .credit(Chart.shippingRevenue, .shippingNet),
            .credit(Chart.vatPayable, .vat),
            .credit(Chart.sellerPayables, .sellerPayable),
            .credit(Chart.platformFees, .platformFee),
        ])

    /// Money back to a card: revenue and output VAT fall by what was refunded.
    public static let cardRefund = PostingRule(
        "refund.card",
        [
            .debit(Chart.refunds, .refundNet),
            .debit(Chart.vatPayable, .refundVAT),
            .debit(Chart.sellerPayables, .sellerPayable),
            .debit(Chart.platformFees, .platformFee),
            .credit(Chart.paymentClearing, .gross),
        ])

    /// A refund on an invoice sale lowers what the customer owes.
    public static let invoiceRefund = PostingRule(
        "refund.invoice",
        [
            .debit(Chart.refunds, .refundNet),
            .debit(Chart.vatPayable, .refundVAT),
            .debit(Chart.sellerPayables, .sellerPayable),
            .debit(Chart.platformFees, .platformFee),
            .credit(Chart.receivables, .gross),
        ])

    /// Money refunded onto a gift card: revenue and output VAT fall, and the shop owes the card again.
    public static let giftCardRefund = PostingRule(
        "refund.gift_card",
        [
            .debit(Chart.refunds, .refundNet),
            .debit(Chart.vatPayable, .refundVAT),
            .debit(Chart.sellerPayables, .sellerPayable),
            .debit(Chart.platformFees, .platformFee),
            .credit(Chart.giftCardLiability, .gross),
        ])

    /// A gift card sold for money paid into the bank: the shop owes its value. No VAT yet — it is charged
    /// on the goods the card later pays for (a multi-purpose voucher).
    public static let giftCardSold = PostingRule(
        "gift_card.sold", [.debit(Chart.bank, .giftCard), .credit(Chart.giftCardLiability, .giftCard)])

    /// A gift card given away: a promotional cost, owed to its holder.
    public static let giftCardGiven = PostingRule(
        "gift_card.given",
        [.debit(Chart.promotionalGiftCards, .giftCard), .credit(Chart.giftCardLiability, .giftCard)])

    /// A customer paid an invoice into the bank.
    public static let invoicePaid = PostingRule(
        "receipt.invoice", [.debit(Chart.bank, .gross), .credit(Chart.receivables, .gross)])

    /// The card processor's fee, deducted from what it owes us.
    public static let captureFee = PostingRule(
        "fee.card", [.debit(Chart.paymentFees, .fee), .credit(Chart.paymentClearing, .fee)])

    /// A group-deal participant charged: the provider owes us the money and the shop owes the participant
    /// the goods until their voucher is redeemed. A voucher for one known variant supplied at the shop is a
    /// single-purpose voucher (EU VAT Directive art. 30a–30b, Directive 2016/1065): its VAT is due when it
    /// is paid for, so the VAT is booked here and only the net waits for the redemption to become revenue.
    public static let groupDealPrepaid = PostingRule(
        "prepayment.group_deal",
        [
            .debit(Chart.paymentClearing, .gross),
            .credit(Chart.groupDealPrepayments, .salesNet),
            .credit(Chart.vatPayable, .vat),
        ])

    /// A group-deal charge refunded (the deal failed after some captures): the prepayment and its VAT go back.
    public static let groupDealRefund = PostingRule(
        "refund.group_deal",
        [
            .debit(Chart.groupDealPrepayments, .salesNet),
            .debit(Chart.vatPayable, .vat),
            .credit(Chart.paymentClearing, .gross),
        ])

    /// A group-deal voucher redeemed: the prepayment, net of the VAT booked when it was paid, becomes a sale.
    public static let groupDealVoucherRedeemed = PostingRule(
        "voucher.group_deal",
        [.debit(Chart.groupDealPrepayments, .salesNet), .credit(Chart.sales, .salesNet)])

    /// Goods left stock for a sale: their cost moves from inventory to cost of goods sold.
    public static let goodsSold = PostingRule(
        "stock.sold", [.debit(Chart.costOfGoods, .cost), .credit(Chart.inventory, .cost)])

    /// Goods arrived before their bill: owed to the supplier, not yet billed (every receipt with a cost
    /// is a purchase until purchasing matches it to a supplier bill).
    public static let goodsPurchased = PostingRule(
        "stock.purchased", [.debit(Chart.inventory, .cost), .credit(Chart.goodsReceivedNotBilled, .cost)])

    /// A customer's return put back on the shelf: its cost leaves cost of goods sold again.
    public static let goodsReturned = PostingRule(
        "stock.returned", [.debit(Chart.inventory, .cost), .credit(Chart.costOfGoods, .cost)])

    /// Damaged, lost or expired goods written off.
    public static let goodsWrittenOff = PostingRule(
        "stock.written_off", [.debit(Chart.stockWriteOffs, .cost), .credit(Chart.inventory, .cost)])

    /// A count or a correction: a gain (positive cost) raises inventory, a loss lowers it.
    public static let stockCorrected = PostingRule(
        "stock.corrected", [.debit(Chart.inventory, .cost), .credit(Chart.stockWriteOffs, .cost)])

    /// Goods sent back to their supplier leave stock at their average cost; the supplier no longer
    /// bills them, so goods received not billed falls by the same.
    public static let goodsReturnedToSupplier = PostingRule(
        "stock.returned_to_supplier",
        [.debit(Chart.goodsReceivedNotBilled, .cost), .credit(Chart.inventory, .cost)])

    /// An approved supplier bill: the goods it bills leave goods received not billed at their receipt
    /// cost, a price above or below that cost is a purchase price difference, the input VAT is
    /// reclaimable, and the supplier is owed the total.
    public static let supplierBill = PostingRule(
        "bill.supplier",
        [
            .debit(Chart.goodsReceivedNotBilled, .cost),
            .debit(Chart.purchasePriceDifferences, .priceDifference),
            .debit(Chart.vatReceivable, .purchaseVAT),
            .credit(Chart.accountsPayable, .gross),
        ])

    /// A supplier bill paid from the bank.
    public static let supplierPaid = PostingRule(
        "payment.supplier", [.debit(Chart.accountsPayable, .gross), .credit(Chart.bank, .gross)])

    /// Money sent to a seller's bank by a payout run: the platform owes the seller that much less.
    public static let sellerPayout = PostingRule(
        "payout.seller", [.debit(Chart.sellerPayables, .sellerPayable), .credit(Chart.bank, .sellerPayable)])

    /// A payout the bank returned: the money is back, and owed to the seller again.
    public static let sellerPayoutReturned = PostingRule(
        "payout.seller_returned",
        [.debit(Chart.bank, .sellerPayable), .credit(Chart.sellerPayables, .sellerPayable)])

    /// Every rule, by name.
    public static let standard: [String: PostingRule] = Dictionary(
        uniqueKeysWithValues: [
            cardSale, invoiceSale, cardRefund, invoiceRefund, invoicePaid, captureFee, goodsSold, goodsPurchased,
            goodsReturned, goodsWrittenOff, stockCorrected, goodsReturnedToSupplier, supplierBill, supplierPaid,
            giftCardRefund, giftCardSold, giftCardGiven, groupDealPrepaid, groupDealRefund, groupDealVoucherRedeemed,
            sellerPayout, sellerPayoutReturned,
        ].map { ($0.name, $0) })
}
