import Catalog
import Checkout
public import Foundation
import Inventory
public import Orders
public import Persistence
import SQLKit
public import TorvCore

/// One replacement item of an exchange, as staff ask for it.
public struct ExchangeLine: Sendable, Hashable {
    public var variantID: String
    public var quantity: Int

    public init(variantID: String, quantity: Int) {
        self.variantID = variantID
        self.quantity = quantity
    }
}

/// An exchange is a return plus a new order: the replacement items are priced from the catalogue today,
/// sent to the same customer and addresses, taken from stock like any sale, and paid with the return's
/// value instead of a payment. Only exchanges of equal or lower value are made — the buyer is never
/// charged a difference here; what the replacement does not use is refunded with the return as usual.
public enum Exchanges {
    public struct Outcome: Sendable {
        public var order: Order
        public var orderReturn: OrderReturn
    }

    /// Places the exchange order for an approved return, once (`exchange_already_linked` after that), in
    /// one transaction: price, reserve, place (linked to the return), pay with the return's value, and
    /// turn the reservation into a sale. Any refusal leaves nothing behind.
    public static func exchange(
        _ returnID: ReturnID, for lines: [ExchangeLine], by actor: AuditActor, on platform: Platform
    ) async throws -> Outcome {
        try await platform.database.inTransaction { db in
            let orderReturn = try await platform.orders.orderReturn(returnID, on: db)
            guard orderReturn.exchangeOrderID == nil else { throw OrdersError.exchangeAlreadyLinked }
            guard Orders.exchangeable.contains(orderReturn.status) else {
                throw OrdersError.returnNotExchangeable(status: orderReturn.status)
            }
            let original = try await platform.orders.order(orderReturn.orderID, on: db)
            let (drafts, priced) = try await price(lines, for: original, on: platform, db: db)
            // From the snapshot read above: a concurrent exchange committing meanwhile is refused further on
            // as `exchange_already_linked`, not mistaken for a return whose value is used up.
            let value = try Orders.refundDue(
                for: orderReturn, of: original, includeShipping: false,
                shippingAlreadyRefunded: .zero(original.currency))
            // Refuse before any stock is touched; Orders checks the same again when it credits the exchange.
            guard try priced.totals.grandTotal.compare(to: value) != .greater else {
                throw OrdersError.exchangeExceedsReturnValue(value: value)
            }
            let key = "exc_" + returnID.rawValue
            let now = platform.clock.now()
            let reservation: StockReservation
            do {
                reservation = try await platform.inventory.reserve(
                    drafts.map { StockRequest(sku: $0.sku, quantity: $0.quantity) }, for: key,
                    until: now.addingTimeInterval(OrderPlacement.holdDuration), on: db)
            } catch InventoryError.referenceAlreadyHeld {
                // A concurrent exchange of the same return got there first.
                throw OrdersError.exchangeAlreadyLinked
            }
            let draft = OrderDraft(
                checkoutKey: key, customerID: original.customerID, companyID: original.companyID,
                email: original.email, channel: original.channel, currency: original.currency, lines: drafts,
                shippingAddress: original.shippingAddress, billingAddress: original.billingAddress,
                delivery: freeDelivery(like: original.delivery), totals: OrderPlacement.totals(priced),
                stockReservationID: reservation.id.rawValue, paymentMethod: "exchange", exchangeForReturnID: returnID)
            let placed: PlacedOrder
            do {
                placed = try await platform.orders.place(draft, on: db)
            } catch OrdersError.checkoutKeyReused {
                // The key is the return's own: another exchange of it was placed meanwhile.
                throw OrdersError.exchangeAlreadyLinked
            }
            guard placed.isNew else { throw OrdersError.exchangeAlreadyLinked }
            let credited = try await platform.orders.creditExchange(
                returnID, to: placed.order.id, by: actor, on: db)
            _ = try await platform.inventory.commit(reservation.id, by: actor, on: db)
            return Outcome(order: try await platform.orders.order(placed.order.id, on: db), orderReturn: credited)
        }
    }

    /// The replacement lines priced as checkout prices them (catalogue offer for the buyer's group, tax for
    /// the original destination), with no promotions and no shipping charge.
    static func price(
        _ lines: [ExchangeLine], for original: Order, on platform: Platform, db: any SQLDatabase
    ) async throws -> ([OrderLineDraft], PricedCart) {
        var problems: [FieldError] = []
        if lines.isEmpty {
            problems.append(FieldError(pointer: "/lines", message: "must contain at least one line", code: "required"))
        }
        let now = platform.clock.now()
        // The buyer's group and contract prices, as at checkout.
        let buyer = try await CartPricer.buyerPricing(of: original.customerID, on: platform, db: db)
        var offers: [CartLineID: Offer] = [:]
        var pricing: [PricingLine] = []
        for (index, line) in lines.enumerated() {
            guard line.quantity >= 1, line.quantity <= Orders.maximumQuantity else {
                problems.append(
                    FieldError(
                        pointer: "/lines/\(index)/quantity", message: "must be between 1 and \(Orders.maximumQuantity)",
                        code: "out_of_range"))
                continue
            }
            do {
                guard let variantID = VariantID(line.variantID) else { throw CatalogError.variantNotFound }
                let offer = try await platform.catalog.offer(
                    for: variantID,
                    in: PricingContext(
                        channel: original.channel, currency: original.currency, customerGroups: buyer.groups,
                        grantedLists: buyer.lists, quantity: line.quantity, at: now),
                    on: db)
                let id = CartLineID.generate(platform.ids, at: now)
                offers[id] = offer
                pricing.append(
                    PricingLine(
                        lineID: id, variantID: offer.variantID.rawValue, sku: offer.sku,
                        title: offer.variantTitle.isEmpty
                            ? offer.productTitle : "\(offer.productTitle) — \(offer.variantTitle)",
                        unitPrice: offer.unitPrice, quantity: offer.quantity, taxClass: offer.taxClass,
                        weightGrams: offer.weightGrams))
            } catch let error as CatalogError {
                problems.append(
                    FieldError(pointer: "/lines/\(index)/variant_id", message: error.message, code: error.code))
            }
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        let destination = try await destinationCountry(of: original, on: platform, db: db)
        let priced = try CartPricing.price(
            PricingInput(
                currency: original.currency, lines: pricing, destinationCountry: destination,
                taxRates: try await platform.checkout.taxRates(country: destination, on: db),
                settings: try await platform.checkout.taxSettings(on: db)))
        let drafts = priced.lines.compactMap { line -> OrderLineDraft? in
            guard let offer = offers[line.lineID] else { return nil }
            return OrderLineDraft(
                variantID: offer.variantID.rawValue, productID: offer.productID.rawValue, sku: offer.sku,
                productTitle: offer.productTitle, variantTitle: offer.variantTitle, quantity: line.quantity,
                unitPrice: line.unitPrice, subtotal: line.subtotal, discount: line.discount,
                taxRate: line.taxRateBasisPoints, tax: line.tax, total: line.total)
        }
        return (drafts, priced)
    }

    /// Tax is owed where the goods go: the original shipping address, else the pick-up location's country.
    static func destinationCountry(of order: Order, on platform: Platform, db: any SQLDatabase) async throws -> String {
        if let country = order.shippingAddress?.countryCode { return country }
        if case .pickup(let location, _) = order.delivery, let id = StockLocationID(location),
            let found = try? await platform.inventory.location(id, on: db)
        {
            return found.address.countryCode
        }
        return platform.homeCountry
    }

    /// The replacement travels the way the original did, at no charge.
    static func freeDelivery(like delivery: Delivery) -> Delivery {
        switch delivery {
        case .shipping(let methodID, let name, let carrier, let amount, _, _):
            .shipping(
                methodID: methodID, name: name, carrier: carrier, amount: .zero(amount.currency),
                tax: .zero(amount.currency))
        case .pickup: delivery
        }
    }
}
