import Catalog
public import Checkout
import Crypto
import Customers
public import Foundation
import GiftCards
import Inventory
import Invoicing
public import Orders
public import Payments
import Persistence
import Promotions
import SQLKit
import Sellers
public import TorvCore

/// How the shopper pays at checkout. Card details go to the provider and nowhere else.
public enum CheckoutPayment: Sendable {
    case card(number: String)
    case invoice
    /// The gift cards named at checkout pay everything; refused when they fall short.
    case giftCardsOnly
}

/// What a checkout produced: the order and its payment as they stand when the call returns.
public struct CheckoutOutcome: Sendable {
    public var order: Order
    /// `nil` when gift cards or store credit paid the whole order.
    public var payment: Payment?
    /// False when the same checkout key had already placed this order (a retried request).
    public var isNew: Bool
}

/// Refusals that belong to checkout as a whole rather than to one module.
public enum CheckoutFlowError: DomainError {
    /// The cart lacks something checkout needs, or a line cannot be bought now.
    case notReady([FieldError])
    /// Invoices are for company buyers with payment terms.
    case invoiceNotAllowed
    /// The buyer's company is suspended: it may not order on account or at all.
    case companySuspended
    /// The order on invoice would take the company past its credit limit (open invoices included).
    case creditLimitExceeded(available: Money)
    /// Gift cards pay with a card or alone; invoices and orders waiting for an approver take none.
    case giftCardsNotAllowed
    /// Gift cards alone were to pay, and they cover only part: `due` is left.
    case giftCardsInsufficient(due: Money)

    public var code: String {
        switch self {
        case .notReady: "cart_not_ready"
        case .invoiceNotAllowed: "invoice_not_allowed"
        case .companySuspended: "company_suspended"
        case .creditLimitExceeded: "credit_limit_exceeded"
        case .giftCardsNotAllowed: "gift_cards_not_allowed"
        case .giftCardsInsufficient: "gift_cards_insufficient"
        }
    }

    public var kind: ErrorKind { .unprocessable }

    public var message: String {
        switch self {
        case .notReady: "The cart is not ready for checkout; see errors for what is missing."
        case .invoiceNotAllowed: "Paying by invoice needs a company account with payment terms."
        case .companySuspended: "Your company's account is suspended; contact the shop."
        case .creditLimitExceeded(let available):
            "This order is more than your company's remaining credit (\(available)); pay by card or settle open invoices."
        case .giftCardsNotAllowed:
            "Gift cards cannot pay for orders on invoice or orders that wait for a company approver."
        case .giftCardsInsufficient(let due):
            "The gift cards leave \(due) to pay; add a card payment or another gift card."
        }
    }

    public var fieldErrors: [FieldError] {
        if case .notReady(let problems) = self { return problems }
        return []
    }
}

/// Turns a cart into an order and a payment, in the order the business needs:
///
/// 1. one transaction: re-price the cart from the catalogue, reserve the stock, place the order under
///    the checkout key (UNIQUE, so a retried request finds its order instead of placing another), mark
///    the cart checked out, open the payment and start its authorisation;
/// 2. the provider call, outside any transaction;
/// 3. one transaction: record the provider's answer and move the order with it (``OrderPayments``).
///
/// A crash between 1 and 3 leaves an order with a payment in flight — never a charge without an order.
/// The payment's reconcile job and the outbox subscriber finish it.
public enum OrderPlacement {
    /// How long stock is held for a checkout whose payment is not yet settled.
    public static let holdDuration: TimeInterval = 15 * 60
    /// How long stock is held for an order waiting for a company approver.
    public static let approvalHoldDuration: TimeInterval = 3 * 24 * 3600

    /// The order's payment ID when gift cards paid all of it.
    public static let giftCardPaymentID = "gift_cards"

    public static func checkOut(
        _ cartID: CartID, access: CartAccess, key: String, payment: CheckoutPayment, giftCards: [String] = [],
        on platform: Platform
    ) async throws -> CheckoutOutcome {
        let checkoutKey = Self.checkoutKey(cart: cartID, requestKey: key)
        let started = try await platform.database.inTransaction { db -> Started in
            try await begin(
                cartID, access: access, checkoutKey: checkoutKey, payment: payment, giftCards: giftCards,
                on: platform, db: db)
        }
        guard let attempt = started.attempt else {
            return CheckoutOutcome(order: started.order, payment: started.payment, isNew: started.isNew)
        }
        let outcome = await platform.payments.perform(attempt)
        var settled = try await platform.database.inTransaction { db in
            let payment = try await platform.payments.record(outcome, of: attempt, on: db)
            return try await OrderPayments.settle(payment, on: platform, db: db)
        }
        settled = try await OrderPayments.followUp(settled, on: platform)
        return CheckoutOutcome(order: settled.order, payment: settled.payment, isNew: true)
    }

    /// The order's idempotency key: the shopper's `Idempotency-Key` scoped to their cart, hashed to a
    /// fixed length (the key may be 255 characters; carts and holds store a short reference).
    static func checkoutKey(cart: CartID, requestKey: String) -> String {
        let digest = SHA256.hash(data: Data("\(cart.rawValue)\n\(requestKey)".utf8))
        return "chk_" + digest.prefix(20).map { String(format: "%02x", $0) }.joined()
    }

    struct Started: Sendable {
        var order: Order
        var payment: Payment?
        var attempt: PaymentAttempt?
        var isNew = true
    }

    static func begin(
        _ cartID: CartID, access: CartAccess, checkoutKey: String, payment method: CheckoutPayment,
        giftCards: [String] = [], on platform: Platform, db: any SQLDatabase
    ) async throws -> Started {
        var cart = try await platform.checkout.cart(cartID, access: access, on: db)
        // Claim the cart first: the guarded update makes a concurrent checkout of the same cart wait for
        // this one and then find it checked out — under the same key it replays this order.
        do {
            cart = try await platform.checkout.markCheckedOut(cart.id, orderReference: checkoutKey, on: db)
        } catch CheckoutError.cartAlreadyCheckedOut(let reference) {
            return try await replay(reference, checkoutKey: checkoutKey, on: platform, db: db)
        }
        let view = try await CartPricer(platform: platform, db: db, checksStock: false).view(cart)
        guard view.isReadyForCheckout, let priced = view.priced, let email = cart.email else {
            throw CheckoutFlowError.notReady(view.missing)
        }
        let terms = try await BuyerTerms.of(cart.customerID, total: priced.totals.grandTotal, on: platform, db: db)
        if !giftCards.isEmpty {
            if case .invoice = method { throw CheckoutFlowError.giftCardsNotAllowed }
            if terms.requiresApproval { throw CheckoutFlowError.giftCardsNotAllowed }
        }
        let paymentMethod: PaymentMethod
        switch method {
        case .card, .giftCardsOnly: paymentMethod = .card
        case .invoice:
            guard let netDays = terms.invoiceNetDays else { throw CheckoutFlowError.invoiceNotAllowed }
            try await checkCredit(terms, total: priced.totals.grandTotal, on: platform, db: db)
            paymentMethod = .invoice(netDays: netDays)
        }

        let now = platform.clock.now()
        // An order waiting for a company approver keeps its stock for days, not minutes.
        let hold = terms.requiresApproval ? approvalHoldDuration : holdDuration
        // Flash-sale units leave the sale's hold for this order's reservation in this transaction, so
        // nobody else can take them in between; a claim that expired meanwhile refuses the checkout.
        if let customer = cart.customerID, !view.flashSaleUses.isEmpty {
            try await takeFlashUnits(
                view.flashSaleUses, customerID: customer, reference: checkoutKey, on: platform, db: db)
        }
        // The shop's own goods come from its stock; sellers' from their offers.
        let sellerLines = Set(view.lines.filter { $0.sellerOffer != nil }.map(\.line.id))
        let requests = priced.lines.filter { !sellerLines.contains($0.lineID) }.map {
            StockRequest(sku: $0.sku, quantity: $0.quantity)
        }
        var reservationID: String?
        if !requests.isEmpty {
            let routing: RoutingRule
            if case .pickup(let location)? = cart.delivery, let id = StockLocationID(location) {
                routing = .pickup(at: id)
            } else {
                routing = try await platform.inventory.routingPolicy(on: db).rule
            }
            reservationID =
                try await platform.inventory.reserve(
                    requests, for: checkoutKey, until: now.addingTimeInterval(hold), routing: routing, on: db
                ).id.rawValue
        }
        try await MarketplaceCheckout.takeStock(view, on: platform, db: db)
        // Cards are spent under the checkout key in this transaction: a declined card payment or an
        // expired checkout releases them, a retried request finds them spent once.
        let redemptions =
            giftCards.isEmpty
            ? []
            : try await platform.giftCards.redeem(
                giftCards, upTo: priced.totals.grandTotal, reference: checkoutKey, customerID: cart.customerID, on: db)
        // Promotions take their budgets and coupons their uses here, guarded: the checkout that finds one
        // used up is refused and its cart prices again without it.
        try await platform.promotions.redeem(
            view.promotionGrants, reference: checkoutKey, customerID: cart.customerID, on: db)
        let giftCardTotal = try Money.sum(redemptions.map(\.amount), currency: cart.currency)
        let due = try priced.totals.grandTotal.subtracting(giftCardTotal)
        let paidByCards = giftCardTotal.isPositive && due.isZero
        if case .giftCardsOnly = method, !paidByCards {
            throw CheckoutFlowError.giftCardsInsufficient(due: due)
        }

        let lines = orderLines(view)
        let draft = OrderDraft(
            checkoutKey: checkoutKey, cartID: cart.id.rawValue, customerID: cart.customerID,
            companyID: terms.companyID?.rawValue, email: email,
            channel: cart.channel, currency: cart.currency, lines: lines,
            shippingAddress: cart.shippingAddress.map(OrderAddress.init),
            billingAddress: (cart.billingAddress ?? cart.shippingAddress).map(OrderAddress.init),
            delivery: delivery(of: view, priced: priced), totals: totals(priced),
            stockReservationID: reservationID,
            paymentMethod: paidByCards ? Self.giftCardPaymentID : paymentMethod.kind.rawValue,
            requiresApproval: terms.requiresApproval, giftCardTotal: giftCardTotal.isPositive ? giftCardTotal : nil,
            subOrders: try await MarketplaceCheckout.subOrders(view, lines: lines, on: platform, db: db))
        let placed = try await platform.orders.place(draft, on: db)
        if paidByCards {
            let order = try await platform.orders.markPaid(
                placed.order.id, paymentID: Self.giftCardPaymentID, by: OrderPayments.actor, on: db)
            try await OrderPayments.commitStock(of: order, on: platform, db: db)
            return Started(order: order, payment: nil, attempt: nil)
        }
        let opened = try await platform.payments.createPayment(
            NewPayment(
                reference: placed.order.id.rawValue, amount: due, method: paymentMethod,
                customerID: cart.customerID), on: db)
        let instrument: PaymentInstrument
        switch method {
        case .card(let number): instrument = .card(token: number)
        case .invoice: instrument = .invoice
        case .giftCardsOnly: throw CheckoutFlowError.giftCardsInsufficient(due: due)
        }
        let attempt = try await platform.payments.startAuthorization(opened.id, instrument: instrument, on: db)
        return Started(order: placed.order, payment: opened, attempt: attempt)
    }

    static func takeFlashUnits(
        _ uses: [FlashSaleUse], customerID: String, reference: String, on platform: Platform, db: any SQLDatabase
    ) async throws {
        do {
            try await platform.promotions.takeFlashUnits(uses, customerID: customerID, reference: reference, on: db)
        } catch FlashSaleError.claimExpired {
            throw CheckoutFlowError.notReady([
                FieldError(
                    pointer: "/lines", message: FlashSaleError.claimExpired.message, code: "flash_sale_claim_expired")
            ])
        }
        for use in uses {
            let sale = try await platform.promotions.flashSale(use.saleID, on: db)
            guard let hold = sale.stockHoldID.flatMap(StockReservationID.init) else { continue }
            try await platform.inventory.shrink(hold, sku: sale.sku, by: use.units, on: db)
        }
    }

    /// The cart was already claimed. Under the same checkout key: answer with the order it placed. Under
    /// another key it is refused, so one cart never becomes two orders.
    static func replay(
        _ reference: String, checkoutKey: String, on platform: Platform, db: any SQLDatabase
    ) async throws -> Started {
        guard reference == checkoutKey, let order = try await platform.orders.order(checkoutKey: checkoutKey, on: db)
        else {
            let other = try await platform.orders.order(checkoutKey: reference, on: db)
            throw CheckoutError.cartAlreadyCheckedOut(orderReference: other?.id.rawValue ?? "")
        }
        let payment = try await platform.payments.payments(forReference: order.id.rawValue, on: db).last
        return Started(order: order, payment: payment, attempt: nil, isNew: false)
    }

    static func orderLines(_ view: CartView) -> [OrderLineDraft] {
        view.lines.compactMap { entry in
            guard let offer = entry.offer, let priced = entry.priced else { return nil }
            return OrderLineDraft(
                variantID: offer.variantID.rawValue, productID: offer.productID.rawValue, sku: offer.sku,
                productTitle: offer.productTitle, variantTitle: offer.variantTitle, quantity: priced.quantity,
                unitPrice: priced.unitPrice, subtotal: priced.subtotal, discount: priced.discount,
                adjustments: priced.adjustments.map {
                    LineAdjustment(source: $0.sourceID, label: $0.label, amount: $0.amount)
                }, taxRate: priced.taxRateBasisPoints, tax: priced.tax, total: priced.total,
                sellerID: entry.sellerOffer?.sellerID.rawValue, offerID: entry.sellerOffer?.id.rawValue)
        }
    }

    /// A company's open invoices, its invoice orders not yet invoiced (waiting for an approver or the
    /// provider) and this order must stay within its credit limit (no limit, no check). The company's
    /// row is locked first, so two orders of one company checked out at once are checked one after the
    /// other, the second counting the first.
    static func checkCredit(
        _ terms: BuyerTerms, total: Money, on platform: Platform, db: any SQLDatabase
    ) async throws {
        guard let companyID = terms.companyID else { return }
        let company = try await platform.customers.lockedCompany(companyID, on: db)
        guard company.creditLimit != nil else { return }
        let invoiced =
            try await platform.invoicing.outstanding(companyID: companyID.rawValue, on: db).first {
                $0.currency == total.currency
            } ?? .zero(total.currency)
        let uninvoiced =
            try await platform.orders.uninvoicedTotals(companyID: companyID.rawValue, on: db).first {
                $0.currency == total.currency
            } ?? .zero(total.currency)
        let owed = try invoiced.adding(uninvoiced)
        guard try CreditPolicy.allows(orderTotal: total, company: company, outstanding: owed) else {
            let available = try CreditPolicy.availableCredit(of: company, outstanding: owed) ?? .zero(total.currency)
            throw CheckoutFlowError.creditLimitExceeded(available: available)
        }
    }

    static func delivery(of view: CartView, priced: PricedCart) -> Delivery {
        if let shipping = priced.shipping {
            return .shipping(
                methodID: shipping.methodID.rawValue, name: shipping.name, carrier: view.delivery?.carrier,
                amount: shipping.total, tax: shipping.tax, taxRate: shipping.taxRateBasisPoints)
        }
        // Only sellers' items: they ship them, and the shop's method carries nothing and costs nothing.
        if let chosen = view.delivery, chosen.kind == .shipping, let methodID = chosen.methodID {
            return .shipping(
                methodID: methodID.rawValue, name: chosen.name, carrier: chosen.carrier, amount: .zero(priced.currency),
                tax: .zero(priced.currency), taxRate: nil)
        }
        return .pickup(locationID: view.delivery?.locationID ?? "", name: view.delivery?.name ?? "")
    }

    static func totals(_ priced: PricedCart) -> OrderTotals {
        OrderTotals(
            subtotal: priced.totals.subtotal, discount: priced.totals.discount, shipping: priced.totals.shipping,
            tax: priced.totals.tax, grandTotal: priced.totals.grandTotal)
    }
}

extension OrderAddress {
    init(_ address: Address) {
        self.init(
            name: address.name, company: address.company, line1: address.line1, line2: address.line2,
            city: address.city, region: address.region, postalCode: address.postalCode,
            countryCode: address.country, phone: address.phone)
    }
}
