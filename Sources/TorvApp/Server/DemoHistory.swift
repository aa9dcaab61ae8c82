import Catalog
import Checkout
import Flows
import Foundation
import Inventory
import Invoicing
import Orders
import Payments
import Persistence
import TorvCore

/// Months of past trade for the demo, booked through the real flows on a clock that walks forward
/// from the past: carts, checkouts (a few declined cards), shipments and pick-ups a day or two later,
/// deliveries, and the odd return. Busier at weekends and growing over time, so the figures have a
/// shape. Deterministic: the same seed books the same history.
enum DemoHistory {
    static let actor = AuditActor(kind: "staff", id: "torv demo warehouse")

    struct Shopper {
        var customerID: String?
        var email: String
        var address: Address
    }

    struct Plan {
        var days: Int
        var ordersPerDay: Double
    }

    /// Orders and their follow-ups due at a moment.
    enum Task {
        case fulfil(OrderID)
        case deliver(FulfilmentID, OrderID)
        case collect(FulfilmentID, code: String)
        case returnSomething(OrderID)
        /// The company pays its invoice by bank transfer, near the end of its terms.
        case payInvoice(OrderID)
    }

    /// Books the history from `clock`'s now until `end`; returns how many orders were placed.
    static func run(
        on platform: Platform, clock: ManualClock, until end: Date, skus: [String], shoppers: [Shopper],
        store: StockLocationID, warehouse: StockLocationID, plan: Plan, giftCards: [String] = []
    ) async throws -> Int {
        var giftCards = giftCards[...]
        var random = SeededRandom(seed: 1905)
        let variants = try await popularVariants(skus, on: platform)
        guard !variants.isEmpty else { return 0 }
        var placed = 0
        var agenda: [(Date, Task)] = []
        let start = clock.now
        for day in 0..<plan.days {
            let dayStart = start.addingTimeInterval(Double(day) * 86400)
            guard dayStart < end else { break }
            let weekday = Calendar(identifier: .gregorian).component(.weekday, from: dayStart)  // 1 = Sunday
            let seasonality = [1.6, 1.15, 0.85, 0.9, 1.0, 1.1, 1.45][weekday - 1]
            let growth = 0.7 + 0.6 * Double(day) / Double(max(plan.days, 1))
            let expected = plan.ordersPerDay * seasonality * growth
            let count =
                Int(expected) + (random.next(below: 100) < Int((expected - Double(Int(expected))) * 100) ? 1 : 0)
            let times = (0..<count).map { _ in 8 * 3600 + random.next(below: 14 * 3600) }.sorted()
            for seconds in times {
                let at = dayStart.addingTimeInterval(Double(seconds))
                guard at < end else { break }
                try await perform(
                    dueBefore: at, &agenda, clock: clock, platform: platform, random: &random, warehouse: warehouse)
                clock.set(at)
                let shopper = shoppers[random.next(below: shoppers.count)]
                let pickup = random.next(below: 100) < 18
                let lines = (0..<(1 + random.next(below: 3))).map { _ in
                    (
                        variants[min(random.next(below: variants.count), random.next(below: variants.count))],
                        1 + random.next(below: 2)
                    )
                }
                let card = random.next(below: 100) < 4 ? TestCard.declines : TestCard.approves
                // Every ninth order spends one of the gift cards sold at the counter, the card paying the rest.
                let spending = placed % 9 == 4 ? giftCards.first : nil
                guard
                    let order = try? await placeOrder(
                        shopper, lines: lines, delivery: pickup ? .pickup(locationID: store.rawValue) : nil,
                        card: card, key: "demo-\(day)-\(seconds)", giftCards: spending.map { [$0] } ?? [],
                        on: platform)
                else { continue }
                if spending != nil { giftCards.removeFirst() }
                placed += 1
                if order.status == .paid {
                    agenda.append(
                        (at.addingTimeInterval(Double(20 + random.next(below: 24)) * 3600), .fulfil(order.id)))
                    if order.paymentMethod == PaymentMethodKind.invoice.rawValue {
                        agenda.append(
                            (at.addingTimeInterval(Double(25 + random.next(below: 10)) * 86400), .payInvoice(order.id)))
                    }
                }
            }
        }
        try await perform(
            dueBefore: end, &agenda, clock: clock, platform: platform, random: &random, warehouse: warehouse)
        return placed
    }

    static func placeOrder(
        _ shopper: Shopper, lines: [(VariantID, Int)], delivery: DeliveryChoice?, card: String, key: String,
        giftCards: [String] = [], on platform: Platform
    ) async throws -> Order {
        let created = try await ShoppingCarts.create(
            channel: "web", currency: Currency(code: "EUR")!, customer: shopper.customerID, on: platform)
        let access: CartAccess =
            if let token = created.guestToken { .guest(token: token) } else { .customer(shopper.customerID ?? "") }
        let cart = created.cart.id
        for (variant, quantity) in lines {
            _ = try? await ShoppingCarts.addLine(
                variant: variant.rawValue, quantity: quantity, to: cart, access: access, on: platform)
        }
        _ = try await ShoppingCarts.setContact(email: shopper.email, phone: nil, in: cart, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: shopper.address, billing: nil, in: cart, access: access, on: platform)
        var choice = delivery
        if choice == nil {
            // A parcel service of the zone the shopper lives in.
            let options = try await ShoppingCarts.deliveryOptions(cart, access: access, on: platform).shipping
            choice = (options.first { $0.name == "Parcel" } ?? options.first).map { .shipping($0.methodID) }
        }
        if let choice { _ = try await ShoppingCarts.setDelivery(choice, in: cart, access: access, on: platform) }
        // The company buyer orders on the company's terms; within its credit, else by card.
        if shopper.email == "grace@torv.demo", giftCards.isEmpty,
            let onTerms = try? await OrderPlacement.checkOut(
                cart, access: access, key: key, payment: .invoice, on: platform)
        {
            return onTerms.order
        }
        return try await OrderPlacement.checkOut(
            cart, access: access, key: key, payment: .card(number: card), giftCards: giftCards, on: platform
        ).order
    }

    /// Runs every follow-up due before `moment`, in time order, each at its own time.
    static func perform(
        dueBefore moment: Date, _ agenda: inout [(Date, Task)], clock: ManualClock, platform: Platform,
        random: inout SeededRandom, warehouse: StockLocationID
    ) async throws {
        agenda.sort { $0.0 < $1.0 }
        while let (due, task) = agenda.first, due < moment {
            agenda.removeFirst()
            clock.set(max(due, clock.now))
            switch task {
            case .fulfil(let id):
                let order = try await platform.database.read { db in try await platform.orders.order(id, on: db) }
                let tracking = "PN\(100_000_000 + random.next(below: 899_999_999))SE"
                let ready = try await platform.database.inTransaction { db -> (Fulfilment, String?) in
                    let fulfilment = try await platform.orders.createFulfilment(
                        id, lines: order.lines.map { ($0.id, $0.quantity) }, by: actor, on: db)
                    _ = try await platform.orders.markPicked(fulfilment.id, by: actor, on: db)
                    _ = try await platform.orders.markPacked(fulfilment.id, by: actor, on: db)
                    if order.delivery.isPickup {
                        let ready = try await platform.orders.readyForPickup(fulfilment.id, by: actor, on: db)
                        return (ready.fulfilment, ready.code)
                    }
                    return (
                        try await platform.orders.ship(
                            fulfilment.id, carrier: "PostNord", trackingNumber: tracking, by: actor, on: db), nil
                    )
                }
                let later = due.addingTimeInterval(Double(24 + random.next(below: 48)) * 3600)
                if let code = ready.1 {
                    agenda.append((later, .collect(ready.0.id, code: code)))
                } else {
                    agenda.append((later, .deliver(ready.0.id, id)))
                }
            case .deliver(let fulfilment, let order):
                _ = try await platform.database.inTransaction { db in
                    try await platform.orders.markDelivered(fulfilment, by: actor, on: db)
                }
                if random.next(below: 100) < 5 {
                    agenda.append(
                        (due.addingTimeInterval(Double(2 + random.next(below: 5)) * 86400), .returnSomething(order)))
                }
            case .collect(let fulfilment, let code):
                _ = try await platform.orders.collect(fulfilment, pickupCode: code, by: actor, in: platform.database)
            case .returnSomething(let id):
                try await returnFirstUnit(of: id, platform: platform, warehouse: warehouse)
            case .payInvoice(let id):
                try await platform.database.inTransaction { db in
                    guard let invoice = try await platform.invoicing.invoice(forOrder: id.rawValue, on: db),
                        invoice.open.isPositive
                    else { return }
                    _ = try await platform.invoicing.recordPayment(
                        invoice.id, amount: invoice.open, receivedAt: platform.clock.now(),
                        reference: "Bankgiro \(invoice.number)", by: actor, on: db)
                }
            }
        }
    }

    /// A customer sends one unit back; staff approve, receive, restock and refund it.
    static func returnFirstUnit(of id: OrderID, platform: Platform, warehouse: StockLocationID) async throws {
        let requested = try await platform.database.inTransaction { db -> OrderReturn in
            let order = try await platform.orders.order(id, on: db)
            guard let line = order.lines.first else { throw OrdersError.orderNotFound }
            return try await platform.orders.requestReturn(
                id, lines: [(lineID: line.id, quantity: 1, reason: "Did not fit")], by: .staff(actor), on: db)
        }
        try await platform.database.inTransaction { db in
            _ = try await platform.orders.approveReturn(requested.id, by: actor, on: db)
            _ = try await platform.orders.receiveReturn(requested.id, by: actor, on: db)
        }
        _ = try await AfterSale.inspect(
            requested.id, outcomes: Dictionary(uniqueKeysWithValues: requested.lines.map { ($0.lineID, .restock) }),
            restockAt: warehouse, by: actor, on: platform)
        _ = try await AfterSale.refundReturn(requested.id, includeShipping: false, by: actor, on: platform)
    }

    /// The variants shoppers reach for, most popular first: the ones with stock at the warehouse.
    static func popularVariants(_ skus: [String], on platform: Platform) async throws -> [VariantID] {
        try await platform.database.read { db in
            let stocked = Set(
                try await platform.inventory.availability(of: skus, on: db).filter { $0.inStock > 0 }.map(\.sku))
            var variants: [VariantID] = []
            for sku in skus where stocked.contains(sku) {
                if let variant = try? await platform.catalog.variant(sku: sku, on: db) { variants.append(variant.id) }
            }
            return variants
        }
    }
}
