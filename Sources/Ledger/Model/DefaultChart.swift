/// A starting chart for an online shop and marketplace, numbered after the BAS / SKR pattern most
/// European accountants recognise (1 assets, 2 liabilities and equity, 3 revenue, 4–7 expenses).
/// Staff add or rename accounts; codes are what postings refer to.
public enum DefaultChart {
    public struct Entry: Sendable {
        public let code: String
        public let name: String
        public let type: AccountType
    }

    public static let paymentClearing = "1580"
    public static let bank = "1930"
    public static let receivables = "1510"
    public static let inventory = "1460"
    public static let vatReceivable = "2640"
    public static let vatPayable = "2610"
    public static let sellerPayables = "2450"
    public static let giftCardLiability = "2420"
    public static let equity = "2081"
    public static let sales = "3001"
    public static let shippingRevenue = "3520"
    public static let discounts = "3730"
    public static let platformFees = "3590"
    public static let refunds = "3740"
    public static let costOfGoods = "4010"
    public static let paymentFees = "6570"
    public static let stockWriteOffs = "4910"
    public static let accountsPayable = "2440"
    public static let goodsReceivedNotBilled = "2445"
    public static let retainedEarnings = "2091"
    public static let purchasePriceDifferences = "4090"
    public static let promotionalGiftCards = "5980"
    /// What group-deal participants paid for vouchers not yet redeemed (BAS 2429, other advances from
    /// customers): owed to them in goods until the merchant redeems the voucher.
    public static let groupDealPrepayments = "2429"

    /// Cash and cash equivalents, whose movements the cash-flow report explains.
    public static let cashAccounts: Set<String> = [bank, paymentClearing]

    /// Accounts added by `ledger.0005` (the first chart had no purchasing), in the same shape.
    static let purchasingAccounts: [Entry] = [
        Entry(code: retainedEarnings, name: "Retained earnings", type: .equity),
        Entry(code: accountsPayable, name: "Accounts payable (suppliers)", type: .liability),
        Entry(code: goodsReceivedNotBilled, name: "Goods received, not yet billed", type: .liability),
        Entry(code: purchasePriceDifferences, name: "Purchase price differences", type: .expense),
    ]

    /// Accounts added by `ledger.0009` for promotions: gift cards given away cost the shop their value.
    static let promotionAccounts: [Entry] = [
        Entry(code: promotionalGiftCards, name: "Gift cards given away", type: .expense)
    ]

    /// Accounts added by `ledger.0010` for group deals: a captured participant's money is a prepayment
    /// until their voucher is redeemed.
    static let groupDealAccounts: [Entry] = [
        Entry(code: groupDealPrepayments, name: "Customer prepayments (group-deal vouchers)", type: .liability)
    ]

    public static let accounts: [Entry] = [
        Entry(code: receivables, name: "Accounts receivable", type: .asset),
        Entry(code: inventory, name: "Inventory", type: .asset),
        Entry(code: paymentClearing, name: "Payment provider clearing", type: .asset),
        Entry(code: bank, name: "Bank", type: .asset),
        Entry(code: vatReceivable, name: "VAT receivable (input VAT)", type: .asset),
        Entry(code: equity, name: "Share capital", type: .equity),
        Entry(code: giftCardLiability, name: "Gift cards outstanding", type: .liability),
        Entry(code: sellerPayables, name: "Payables to sellers", type: .liability),
        Entry(code: vatPayable, name: "VAT payable (output VAT)", type: .liability),
        Entry(code: sales, name: "Sales", type: .revenue),
        Entry(code: shippingRevenue, name: "Shipping revenue", type: .revenue),
        Entry(code: platformFees, name: "Platform fee revenue", type: .revenue),
        Entry(code: discounts, name: "Discounts given", type: .revenue),
        Entry(code: refunds, name: "Refunds and returns", type: .revenue),
        Entry(code: costOfGoods, name: "Cost of goods sold", type: .expense),
        Entry(code: stockWriteOffs, name: "Stock write-offs", type: .expense),
        Entry(code: paymentFees, name: "Payment fees", type: .expense),
    ]
}
