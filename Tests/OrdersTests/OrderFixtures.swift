import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import TorvCore

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

extension AuditActor {
    static let clerk = AuditActor(kind: "staff", id: "stf_clerk", requestID: "req_test")
}

extension OrderAddress {
    static let berlin = OrderAddress(
        name: "Ada Lovelace", line1: "1 Invalidenstraße", city: "Berlin", postalCode: "10115", countryCode: "DE")
}

extension OrderDraft {
    /// Two lines (3 × 10.00 EUR with 1.00 off, 1 × 25.00 EUR), prices with tax included, shipped for 4.90 EUR:
    /// the grand total is 29.00 + 25.00 + 4.90 = 58.90 EUR.
    static func fixture(
        key: String = "chk_1", customerID: String? = "cus_ada", requiresApproval: Bool = false,
        pickup: Bool = false
    ) -> OrderDraft {
        let shirt = OrderLineDraft(
            variantID: "var_shirt", productID: "prod_shirt", sku: "SHIRT-M", productTitle: "Shirt", variantTitle: "M",
            quantity: 3, unitPrice: .eur(1000), subtotal: .eur(3000), discount: .eur(100),
            adjustments: [LineAdjustment(source: "promotion", label: "Summer", amount: .eur(100))], taxRate: 1900,
            tax: .eur(463), total: .eur(2900))
        let cap = OrderLineDraft(
            variantID: "var_cap", productID: "prod_cap", sku: "CAP", productTitle: "Cap", variantTitle: "One size",
            quantity: 1, unitPrice: .eur(2500), subtotal: .eur(2500), discount: .eur(0), taxRate: 1900, tax: .eur(399),
            total: .eur(2500))
        let delivery: Delivery =
            pickup
            ? .pickup(locationID: "loc_store", name: "Berlin store")
            : .shipping(methodID: "std", name: "Standard", carrier: "DHL", amount: .eur(490), tax: .eur(78))
        let shipping: Int64 = pickup ? 0 : 490
        return OrderDraft(
            checkoutKey: key, cartID: "cart_1", customerID: customerID, email: "ada@example.com", channel: "web",
            currency: .eur, lines: [shirt, cap], shippingAddress: pickup ? nil : .berlin, delivery: delivery,
            totals: OrderTotals(
                subtotal: .eur(5500), discount: .eur(100), shipping: .eur(shipping), tax: .eur(pickup ? 862 : 940),
                grandTotal: .eur(5400 + shipping)),
            stockReservationID: "rsv_1", paymentMethod: "card", requiresApproval: requiresApproval)
    }
}

extension Platform {
    func place(_ draft: OrderDraft) async throws -> PlacedOrder {
        let orders = self.orders
        return try await database.inTransaction { db in try await orders.place(draft, on: db) }
    }

    /// Places and pays the fixture order.
    func paidOrder(key: String = "chk_1", pickup: Bool = false) async throws -> Order {
        let order = try await place(.fixture(key: key, pickup: pickup)).order
        return try await write { orders, db in try await orders.markPaid(order.id, paymentID: "pay_\(key)", on: db) }
    }

    /// Runs one Orders call in its own transaction.
    func write<R: Sendable>(_ body: @escaping @Sendable (Orders, any SQLDatabase) async throws -> R) async throws -> R {
        let orders = self.orders
        return try await database.inTransaction { db in try await body(orders, db) }
    }

    func read<R: Sendable>(_ body: @escaping @Sendable (Orders, any SQLDatabase) async throws -> R) async throws -> R {
        let orders = self.orders
        return try await database.read { db in try await body(orders, db) }
    }

    /// Fulfils every unit of the order in one parcel and ships it.
    func shipEverything(_ order: Order) async throws -> Fulfilment {
        try await write { orders, db in
            let fulfilment = try await orders.createFulfilment(
                order.id, lines: order.lines.map { (lineID: $0.id, quantity: $0.quantity) }, locationID: "loc_wh",
                by: .clerk, on: db)
            return try await orders.ship(fulfilment.id, carrier: "DHL", trackingNumber: "JD0001", by: .clerk, on: db)
        }
    }

    func eventTypes() async throws -> [String] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }.map(\.type)
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }
}
