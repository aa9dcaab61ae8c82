import Flows
import Foundation
import Persistence
import Purchasing
import TestSupport
import Testing
import TorvCore

@Suite("Purchase orders")
struct PurchaseOrderTests {
    @Test(
        "a draft takes costs and lead times from the price list; an explicit cost wins", arguments: TestBackend.allCases
    )
    func draft(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), lead: 14, for: supplier)
            try await platform.price("SOCK", .eur(200), lead: 3, for: supplier)
            let order = try await platform.draftOrder(
                [
                    PurchaseOrderLineDraft(sku: "SHIRT", quantity: 10),
                    PurchaseOrderLineDraft(sku: "SOCK", quantity: 20, unitCost: .eur(180)),
                    PurchaseOrderLineDraft(sku: "CAP", quantity: 5, unitCost: .eur(500)),
                ], from: supplier)
            #expect(order.number == "PO-000001" && order.status == .draft && order.currency == .eur)
            #expect(order.lines.map(\.unitCost) == [.eur(1_000), .eur(180), .eur(500)])
            #expect(order.lines.map(\.leadTimeDays) == [14, 3, 0])
            #expect(order.total == .eur(10_000 + 3_600 + 2_500))
            #expect(order.expectedAt == nil)
            #expect(try await platform.order(order.id) == order)
        }
    }

    @Test("a draft reports every bad line at once", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SOCK", .eur(200), lead: 3, minimum: 12, for: supplier)
            let error = await #expect(throws: ValidationError.self) {
                try await platform.draftOrder(
                    [
                        PurchaseOrderLineDraft(sku: "UNPRICED", quantity: 1),
                        PurchaseOrderLineDraft(sku: "SOCK", quantity: 6),
                        PurchaseOrderLineDraft(sku: "CAP", quantity: 0, unitCost: .sek(100)),
                        PurchaseOrderLineDraft(sku: "SOCK", quantity: 2_000_000),
                    ], from: supplier, to: "")
            }
            #expect(
                error?.problems == [
                    "/destination_location_id location_required",
                    "/lines/0/unit_cost no_supplier_cost",
                    "/lines/1/quantity below_minimum_order_quantity",
                    "/lines/2/quantity quantity_must_be_positive",
                    "/lines/2/unit_cost/currency currency_mismatch",
                    "/lines/3/quantity quantity_too_large",
                    "/lines/3/sku duplicate_line",
                ])
            let empty = await #expect(throws: ValidationError.self) {
                try await platform.draftOrder([], from: supplier)
            }
            #expect(empty?.problems == ["/lines lines_required"])
            let retired = try await platform.write { p, db in
                try await p.updateSupplier(supplier.id, to: .fixture(active: false), by: .buyer, on: db)
            }
            let closed = await #expect(throws: ValidationError.self) {
                try await platform.draftOrder([PurchaseOrderLineDraft(sku: "SOCK", quantity: 12)], from: retired)
            }
            #expect(closed?.problems == ["/supplier_id supplier_inactive"])
            // Nothing was numbered by the refusals.
            let next = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "X", quantity: 1, unitCost: .eur(1))],
                from: try await platform.supplier(.fixture("Other")))
            #expect(next.number == "PO-000001")
        }
    }

    @Test("lines change only in draft; sending fixes the expected date", arguments: TestBackend.allCases)
    func editAndSend(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), lead: 14, for: supplier)
            try await platform.price("SOCK", .eur(200), lead: 21, for: supplier)
            let draft = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 10)], from: supplier)
            let edited = try await platform.write { p, db in
                try await p.updateOrder(
                    draft.id,
                    to: PurchaseOrderDraft(
                        supplierID: supplier.id, destinationLocationID: "loc_malmo",
                        lines: [
                            PurchaseOrderLineDraft(sku: "SHIRT", quantity: 4),
                            PurchaseOrderLineDraft(sku: "SOCK", quantity: 8),
                        ]),
                    by: .buyer, on: db)
            }
            #expect(edited.number == draft.number && edited.destinationLocationID == "loc_malmo")
            #expect(edited.lines.map(\.quantity) == [4, 8])
            env.clock.advance(by: 3_600)
            let sent = try await platform.write { p, db in try await p.send(draft.id, by: .buyer, on: db) }
            #expect(sent.status == .sent && sent.sentAt == env.clock.now)
            #expect(sent.expectedAt == env.clock.now.addingTimeInterval(21 * 86_400))
            let event = try #require(try await platform.events(PurchaseOrderSent.self).first)
            #expect(event.orderID == draft.id && event.total == .eur(4_000 + 1_600) && event.lines.count == 2)
            #expect(event.destinationLocationID == "loc_malmo" && event.expectedAt == sent.expectedAt)

            await #expect(throws: PurchasingError.invalidTransition(from: .sent, action: .edit)) {
                try await platform.write { p, db in
                    try await p.updateOrder(
                        draft.id,
                        to: PurchaseOrderDraft(
                            supplierID: supplier.id, destinationLocationID: "loc_malmo",
                            lines: [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 1)]), by: .buyer, on: db)
                }
            }
            await #expect(throws: PurchasingError.invalidTransition(from: .sent, action: .send)) {
                try await platform.write { p, db in try await p.send(draft.id, by: .buyer, on: db) }
            }
            #expect(try await platform.order(draft.id).lines.map(\.quantity) == [4, 8])
        }
    }

    @Test("an agreed delivery date overrides the lead times", arguments: TestBackend.allCases)
    func expectedOverride(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            let agreed = env.clock.now.addingTimeInterval(5 * 86_400)
            let draft = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 1, unitCost: .eur(100))], from: supplier,
                expectedAt: agreed)
            let sent = try await platform.write { p, db in try await p.send(draft.id, by: .buyer, on: db) }
            #expect(sent.expectedAt == agreed && sent.expectedOverride == agreed)
        }
    }

    @Test("cancel only from draft or sent; close a short delivery only with a reason", arguments: TestBackend.allCases)
    func cancelAndClose(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            let draft = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 1)], from: supplier)
            let cancelledDraft = try await platform.write { p, db in
                try await p.cancel(draft.id, reason: "duplicate", by: .buyer, on: db)
            }
            #expect(cancelledDraft.status == .cancelled && cancelledDraft.cancelReason == "duplicate")
            await #expect(throws: PurchasingError.invalidTransition(from: .cancelled, action: .send)) {
                try await platform.write { p, db in try await p.send(draft.id, by: .buyer, on: db) }
            }

            let sent = try await platform.sentOrder([("SHIRT", 10)], from: supplier)
            _ = try await platform.write { p, db in try await p.cancel(sent.id, by: .buyer, on: db) }
            #expect(try await platform.events(PurchaseOrderCancelled.self).count == 2)

            let short = try await platform.sentOrder([("SHIRT", 10)], from: supplier)
            _ = try await platform.receive([("SHIRT", 6)], against: short)
            await #expect(throws: PurchasingError.invalidTransition(from: .partiallyReceived, action: .cancel)) {
                try await platform.write { p, db in try await p.cancel(short.id, by: .buyer, on: db) }
            }
            let noReason = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in try await p.close(short.id, reason: "  ", by: .buyer, on: db) }
            }
            #expect(noReason?.problems == ["/reason reason_required"])
            let closed = try await platform.write { p, db in
                try await p.close(short.id, reason: "supplier out of stock", by: .buyer, on: db)
            }
            #expect(closed.status == .closed && closed.closeReason == "supplier out of stock")
            let event = try #require(try await platform.events(PurchaseOrderClosed.self).first)
            #expect(event.cancelledQuantities == ["SHIRT": 4])
            await #expect(throws: PurchasingError.invalidTransition(from: .closed, action: .receive)) {
                try await platform.receive([("SHIRT", 1)], against: short)
            }
            await #expect(throws: PurchasingError.orderNotFound) {
                try await platform.write { p, db in try await p.send(PurchaseOrderID.generate(), by: .buyer, on: db) }
            }
        }
    }

    @Test(
        "twenty orders written at once are numbered 1 to 20 with no gap and no duplicate",
        arguments: TestBackend.allCases)
    func numbering(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            // Every third transaction takes a number and then fails later on (as a flow may): its
            // number goes back with the rollback, so the committed numbers still have no gap.
            let purchasing = platform.purchasing
            let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
                for index in 0..<30 {
                    group.addTask {
                        do {
                            return try await env.database.inTransaction { db in
                                let order = try await purchasing.createOrder(
                                    PurchaseOrderDraft(
                                        supplierID: supplier.id, destinationLocationID: "loc_berlin",
                                        lines: [
                                            PurchaseOrderLineDraft(
                                                sku: "SKU-\(index)", quantity: 1, unitCost: .eur(100))
                                        ]),
                                    by: .buyer, on: db)
                                if index % 3 == 2 { throw Abandoned() }
                                return order.number
                            }
                        } catch is Abandoned { return nil }
                    }
                }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            let numbers = outcomes.compactMap { $0 }
            #expect(numbers.count == 20)
            #expect(Set(numbers) == Set((1...20).map { String(format: "PO-%06d", $0) }))
            let stored = try await platform.read { p, db in try await p.orders(limit: 100, on: db) }
            #expect(Set(stored.map(\.number)) == Set(numbers))
        }
    }
}

private struct Abandoned: Error {}
