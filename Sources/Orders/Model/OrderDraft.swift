public import TorvCore

/// A discount or surcharge on one line, with where it came from (`promotion`, `coupon`, `b2b_contract`).
public struct LineAdjustment: Sendable, Hashable, Codable {
    public var source: String
    public var label: String
    /// The amount taken off the line (positive for a discount).
    public var amount: Money

    public init(source: String, label: String, amount: Money) {
        self.source = source
        self.label = label
        self.amount = amount
    }
}

/// One line as checkout priced it. Everything is a snapshot: later catalogue or price changes never
/// alter an order.
public struct OrderLineDraft: Sendable, Hashable, Codable {
    public var variantID: String
    public var productID: String
    public var sku: String
    public var productTitle: String
    public var variantTitle: String
    public var quantity: Int
    public var unitPrice: Money
    /// `unitPrice × quantity`.
    public var subtotal: Money
    /// The sum of the line's adjustments.
    public var discount: Money
    public var adjustments: [LineAdjustment]
    /// In basis points: 1900 is 19 %.
    public var taxRate: Int
    public var tax: Money
    /// What the buyer pays for the line: `subtotal − discount`, plus `tax` when prices exclude tax.
    public var total: Money
    /// The marketplace seller and offer the line buys from; `nil` for the shop's own goods.
    public var sellerID: String?
    public var offerID: String?

    public init(
        variantID: String, productID: String, sku: String, productTitle: String, variantTitle: String, quantity: Int,
        unitPrice: Money, subtotal: Money, discount: Money, adjustments: [LineAdjustment] = [], taxRate: Int,
        tax: Money, total: Money, sellerID: String? = nil, offerID: String? = nil
    ) {
        self.sellerID = sellerID
        self.offerID = offerID
        self.variantID = variantID
        self.productID = productID
        self.sku = sku
        self.productTitle = productTitle
        self.variantTitle = variantTitle
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.subtotal = subtotal
        self.discount = discount
        self.adjustments = adjustments
        self.taxRate = taxRate
        self.tax = tax
        self.total = total
    }
}

/// Everything a checkout hands over to place an order.
public struct OrderDraft: Sendable, Hashable, Codable {
    /// The idempotency key of the checkout: placing the same key twice gives the same order.
    public var checkoutKey: String
    public var cartID: String?
    public var customerID: String?
    public var companyID: String?
    public var email: String
    /// The sales channel (`web`, `pos`, `b2b`).
    public var channel: String
    public var currency: Currency
    public var lines: [OrderLineDraft]
    public var shippingAddress: OrderAddress?
    public var billingAddress: OrderAddress?
    public var delivery: Delivery
    public var totals: OrderTotals
    /// The Inventory hold behind the order, released by the flow when the order is cancelled.
    public var stockReservationID: String?
    public var paymentMethod: String
    /// A B2B buyer ordered above their limit: the order waits for approval.
    public var requiresApproval: Bool
    /// The return this order replaces goods for, when it is an exchange.
    public var exchangeForReturnID: ReturnID?
    /// What gift cards and store credit paid at checkout, at most the grand total.
    public var giftCardTotal: Money?
    /// One per marketplace seller in the order.
    public var subOrders: [SubOrderDraft]

    public init(
        checkoutKey: String, cartID: String? = nil, customerID: String? = nil, companyID: String? = nil,
        email: String, channel: String, currency: Currency, lines: [OrderLineDraft], shippingAddress: OrderAddress?,
        billingAddress: OrderAddress? = nil, delivery: Delivery, totals: OrderTotals, stockReservationID: String? = nil,
        paymentMethod: String, requiresApproval: Bool = false, exchangeForReturnID: ReturnID? = nil,
        giftCardTotal: Money? = nil, subOrders: [SubOrderDraft] = []
    ) {
        self.subOrders = subOrders
        self.giftCardTotal = giftCardTotal
        self.checkoutKey = checkoutKey
        self.cartID = cartID
        self.customerID = customerID
        self.companyID = companyID
        self.email = email
        self.channel = channel
        self.currency = currency
        self.lines = lines
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.delivery = delivery
        self.totals = totals
        self.stockReservationID = stockReservationID
        self.paymentMethod = paymentMethod
        self.requiresApproval = requiresApproval
        self.exchangeForReturnID = exchangeForReturnID
    }
}
