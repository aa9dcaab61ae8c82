import Catalog
import Checkout
import Flows
import Foundation
import Inventory
import Orders
import Payments
import Persistence
import Sellers
import TorvAPI
import TorvCore

extension Address {
    init(_ address: Components.Schemas.Address) {
        self.init(
            name: address.name, company: address.company, line1: address.line1, line2: address.line2,
            city: address.city, postalCode: address.postalCode, country: address.country, region: address.region,
            phone: address.phone, vatID: address.vatId)
    }
}

extension Components.Schemas.Address {
    init(_ address: Address) {
        self.init(
            name: address.name, company: address.company, line1: address.line1, line2: address.line2,
            city: address.city, postalCode: address.postalCode, region: address.region, country: address.country,
            phone: address.phone, vatId: address.vatID)
    }

    init(_ address: OrderAddress) {
        self.init(
            name: address.name, company: address.company, line1: address.line1, line2: address.line2,
            city: address.city, postalCode: address.postalCode, region: address.region, country: address.countryCode,
            phone: address.phone)
    }
}

extension Components.Schemas.LocationAddress {
    init(_ address: PostalAddress) {
        self.init(
            line1: address.line1, line2: address.line2, city: address.city, postalCode: address.postalCode,
            country: address.countryCode)
    }
}

extension Components.Schemas.FieldProblem {
    init(_ error: FieldError) {
        self.init(pointer: error.pointer, message: error.message, code: error.code)
    }
}

extension Components.Schemas.Totals {
    init(_ totals: CartTotals) {
        self.init(
            subtotal: .init(totals.subtotal), discount: .init(totals.discount), shipping: .init(totals.shipping),
            tax: .init(totals.tax), grandTotal: .init(totals.grandTotal))
    }

    init(_ totals: OrderTotals) {
        self.init(
            subtotal: .init(totals.subtotal), discount: .init(totals.discount), shipping: .init(totals.shipping),
            tax: .init(totals.tax), grandTotal: .init(totals.grandTotal))
    }
}

extension Components.Schemas.Cart {
    init(_ view: CartView, forStaff: Bool = false) {
        let cart = view.cart
        self.init(
            id: cart.id.rawValue, status: .init(rawValue: cart.status.rawValue) ?? .open, channel: cart.channel,
            currency: cart.currency.code, customerId: cart.customerID,
            sellerShipping: view.priced.flatMap { priced in
                priced.sellerShipping.isEmpty
                    ? nil
                    : priced.sellerShipping.map { .init(sellerId: $0.sellerID, amount: .init($0.total)) }
            }, guestToken: view.guestToken, email: cart.email,
            phone: cart.phone, shippingAddress: cart.shippingAddress.map(Components.Schemas.Address.init),
            billingAddress: cart.billingAddress.map(Components.Schemas.Address.init),
            delivery: view.delivery.map {
                .init(
                    kind: $0.kind == .pickup ? .pickup : .shipping, methodId: $0.methodID?.rawValue,
                    locationId: $0.locationID, name: $0.name, carrier: $0.carrier,
                    price: $0.price.map(Components.Schemas.Money.init))
            },
            lines: view.lines.map { entry in
                .init(
                    id: entry.line.id.rawValue, variantId: entry.line.variantID, offerId: entry.line.offerID,
                    sellerId: entry.seller?.id.rawValue, sellerName: entry.seller?.displayName, sku: entry.offer?.sku,
                    title: entry.offer?.productTitle, variantTitle: entry.offer?.variantTitle,
                    quantity: entry.line.quantity, unitPrice: entry.priced.map { .init($0.unitPrice) },
                    subtotal: entry.priced.map { .init($0.subtotal) },
                    discount: entry.priced.map { .init($0.discount) },
                    adjustments: entry.priced?.adjustments.map {
                        .init(source: $0.sourceID, label: $0.label, amount: .init($0.amount))
                    }, tax: entry.priced.map { .init($0.tax) }, total: entry.priced.map { .init($0.total) },
                    problem: entry.problem.map { .init(code: $0.code, message: $0.message) })
            }, totals: view.priced.map { .init($0.totals) }, readyForCheckout: view.isReadyForCheckout,
            coupons: cart.couponCodes.isEmpty ? nil : cart.couponCodes,
            promotions: view.promotions.map { .init($0, forStaff: forStaff) },
            missing: view.missing.map(Components.Schemas.FieldProblem.init))
    }
}

extension Components.Schemas.Payment {
    init(_ payment: Payment) {
        var nextAction: String?
        if case .challenge(let url)? = payment.nextAction { nextAction = url }
        self.init(
            id: payment.id.rawValue, status: payment.status.rawValue, method: payment.method.kind.rawValue,
            amount: .init(payment.amount), authorized: .init(payment.authorizedAmount),
            captured: .init(payment.capturedAmount), refunded: .init(payment.refundedAmount),
            nextActionUrl: nextAction, failureCode: payment.failureReason?.rawValue, dueAt: payment.dueAt)
    }
}

extension Components.Schemas.Fulfilment {
    init(_ fulfilment: Fulfilment, pickupCode: String? = nil) {
        self.init(
            id: fulfilment.id.rawValue, status: fulfilment.status.rawValue, locationId: fulfilment.locationID,
            lines: fulfilment.lines.map { .init(lineId: $0.lineID.rawValue, quantity: $0.quantity) },
            carrier: fulfilment.carrier, trackingNumber: fulfilment.trackingNumber, pickupCode: pickupCode)
    }
}

extension Components.Schemas.Return {
    init(_ orderReturn: OrderReturn) {
        self.init(
            id: orderReturn.id.rawValue, number: orderReturn.number, orderId: orderReturn.orderID.rawValue,
            status: orderReturn.status.rawValue,
            lines: orderReturn.lines.map {
                .init(
                    lineId: $0.lineID.rawValue, quantity: $0.quantity, reason: $0.reason, outcome: $0.outcome?.rawValue)
            }, refunded: orderReturn.refundedAmount.map(Components.Schemas.Money.init),
            exchangeOrderId: orderReturn.exchangeOrderID?.rawValue,
            exchangeCredit: orderReturn.exchangeCredit.map(Components.Schemas.Money.init))
    }
}

extension Components.Schemas.Order {
    init(
        _ order: Order, payments: [Payment] = [], fulfilments: [Fulfilment]? = nil, returns: [OrderReturn]? = nil,
        timeline: [OrderTimelineEntry]? = nil
    ) {
        let delivery: Components.Schemas.Delivery
        switch order.delivery {
        case .shipping(let methodID, let name, let carrier, let amount, _, _):
            delivery = .init(kind: .shipping, methodId: methodID, name: name, carrier: carrier, price: .init(amount))
        case .pickup(let locationID, let name):
            delivery = .init(kind: .pickup, locationId: locationID, name: name)
        }
        self.init(
            id: order.id.rawValue, number: order.number, status: .init(rawValue: order.status.rawValue) ?? .placed,
            channel: order.channel, currency: order.currency.code, email: order.email, customerId: order.customerID,
            lines: order.lines.map {
                .init(
                    id: $0.id.rawValue, variantId: $0.variantID, sku: $0.sku, productTitle: $0.productTitle,
                    variantTitle: $0.variantTitle, quantity: $0.quantity, unitPrice: .init($0.unitPrice),
                    subtotal: .init($0.subtotal), discount: .init($0.discount), taxRateBasisPoints: $0.taxRate,
                    tax: .init($0.tax), total: .init($0.total), fulfilledQuantity: $0.fulfilledQuantity,
                    returnedQuantity: $0.returnedQuantity, sellerId: $0.sellerID)
            }, shippingAddress: order.shippingAddress.map(Components.Schemas.Address.init),
            billingAddress: order.billingAddress.map(Components.Schemas.Address.init), delivery: delivery,
            totals: .init(order.totals), refundedTotal: .init(order.refundedTotal),
            giftCardTotal: order.giftCardTotal.isPositive ? .init(order.giftCardTotal) : nil,
            exchangeForReturnId: order.exchangeForReturnID?.rawValue, placedAt: order.placedAt,
            payments: payments.map(Components.Schemas.Payment.init),
            fulfilments: fulfilments?.map { Components.Schemas.Fulfilment($0) },
            returns: returns?.map(Components.Schemas.Return.init),
            timeline: timeline?.map {
                .init(kind: $0.kind, text: $0.message, actor: "\($0.actor.kind):\($0.actor.id)", at: $0.occurredAt)
            })
    }
}
