import Flows
import Foundation
import Persistence
import Purchasing
import SQLKit
import TestSupport
import TorvCore

extension AuditActor {
    static let buyer = AuditActor(kind: "staff", id: "stf_buyer", requestID: "req_test")
}

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
    static func sek(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .sek) }
}

extension SupplierDraft {
    static func fixture(
        _ name: String = "Nordic Textiles AB", currency: Currency = .eur, terms: Int = 30, active: Bool = true
    ) -> Self {
        SupplierDraft(
            name: name, email: "orders@\(name.filter(\.isLetter).lowercased()).example", currency: currency,
            paymentTermsDays: terms, isActive: active)
    }
}

/// Helpers that run one facade call in its own transaction, as a flow would.
extension Platform {
    func write<R: Sendable>(
        _ body: @escaping @Sendable (Purchasing, any SQLDatabase) async throws -> R
    )
        async throws -> R
    {
        let purchasing = self.purchasing
        return try await database.inTransaction { db in try await body(purchasing, db) }
    }

    func read<R: Sendable>(
        _ body: @escaping @Sendable (Purchasing, any SQLDatabase) async throws -> R
    )
        async throws -> R
    {
        let purchasing = self.purchasing
        return try await database.read { db in try await body(purchasing, db) }
    }

    func supplier(_ draft: SupplierDraft = .fixture()) async throws -> Supplier {
        try await write { p, db in try await p.createSupplier(draft, by: .buyer, on: db) }
    }

    func price(
        _ sku: String, _ cost: Money, lead: Int = 7, minimum: Int = 1, for supplier: Supplier
    ) async throws {
        _ = try await write { p, db in
            try await p.setPrice(
                SupplierPriceDraft(sku: sku, unitCost: cost, minimumOrderQuantity: minimum, leadTimeDays: lead),
                for: supplier.id, by: .buyer, on: db)
        }
    }

    func draftOrder(
        _ lines: [PurchaseOrderLineDraft], from supplier: Supplier, to location: String = "loc_berlin",
        expectedAt: Date? = nil
    ) async throws -> PurchaseOrder {
        try await write { p, db in
            try await p.createOrder(
                PurchaseOrderDraft(
                    supplierID: supplier.id, destinationLocationID: location, lines: lines, expectedAt: expectedAt),
                by: .buyer, on: db)
        }
    }

    /// A sent order for `lines` (sku, quantity) at the listed costs.
    func sentOrder(_ lines: [(String, Int)], from supplier: Supplier) async throws -> PurchaseOrder {
        let draft = try await draftOrder(
            lines.map { PurchaseOrderLineDraft(sku: $0.0, quantity: $0.1) }, from: supplier)
        return try await write { p, db in try await p.send(draft.id, by: .buyer, on: db) }
    }

    func receive(
        _ lines: [(String, Int)], against order: PurchaseOrder, at location: String = "loc_berlin"
    ) async throws -> GoodsReceipt {
        let now = clock.now()
        return try await write { p, db in
            try await p.receive(
                GoodsReceiptRequest(
                    lines: lines.map { GoodsReceiptLineRequest(.sku($0.0), quantity: $0.1) }, locationID: location,
                    receivedAt: now), against: order.id, by: .buyer, on: db)
        }
    }

    func order(_ id: PurchaseOrderID) async throws -> PurchaseOrder {
        try await read { p, db in try await p.order(id, on: db) }
    }

    func bill(
        _ number: String, for order: PurchaseOrder, lines: [(String, Int, Money)], tax: Money = .eur(0),
        supplier: Supplier
    ) async throws -> SupplierBill {
        let billLines = lines.map { sku, quantity, price in
            SupplierBillLineDraft(
                orderLineID: order.lines.first { $0.sku == sku }!.id, quantity: quantity, unitPrice: price)
        }
        let net = billLines.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitPrice.amount }
        let draft = SupplierBillDraft(
            supplierID: supplier.id, invoiceNumber: number, billDate: clock.now(), lines: billLines, tax: tax,
            taxRate: tax.amount == 0 ? nil : 2500,
            total: Money(minorUnits: net + tax.amount, currency: tax.currency))
        return try await write { p, db in try await p.recordBill(draft, by: .buyer, on: db) }
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = self.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }

    func auditActions() async throws -> [String] {
        let audit = self.audit
        return try await database.read { db in try await audit.list(limit: 10_000, on: db) }.map(\.action)
    }
}

extension ValidationError {
    /// `pointer code` pairs, for comparing refusals in one expectation.
    var problems: Set<String> { Set(fieldErrors.map { "\($0.pointer) \($0.code)" }) }
}
