import Flows
import Foundation
import Persistence
import Purchasing
import TestSupport
import Testing
import TorvCore

@Suite("Suppliers and price lists")
struct SupplierTests {
    @Test("a supplier is created net 30 by default, read, listed and updated", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let created = try await platform.supplier(
                SupplierDraft(name: "  Nordic Textiles AB ", email: "orders@nordic.example", currency: .eur))
            #expect(created.name == "Nordic Textiles AB" && created.paymentTermsDays == 30 && created.isActive)
            let read = try await platform.read { p, db in try await p.supplier(created.id, on: db) }
            #expect(read == created)
            let other = try await platform.supplier(.fixture("Acme Buttons", currency: .sek))
            env.clock.advance(by: 60)
            let change = SupplierDraft.fixture("Nordic Textiles", terms: 45, active: false)
            let updated = try await platform.write { p, db in
                try await p.updateSupplier(created.id, to: change, by: .buyer, on: db)
            }
            #expect(updated.name == "Nordic Textiles" && updated.paymentTermsDays == 45 && !updated.isActive)
            #expect(updated.updatedAt == env.clock.now && updated.createdAt == created.createdAt)
            let active = try await platform.read { p, db in try await p.suppliers(on: db) }
            #expect(active.map(\.id) == [other.id])
            let all = try await platform.read { p, db in try await p.suppliers(includingInactive: true, on: db) }
            #expect(all.map(\.name) == ["Acme Buttons", "Nordic Textiles"])
            #expect(try await platform.auditActions().filter { $0.hasPrefix("supplier.") }.count == 3)
        }
    }

    @Test("names are unique regardless of case, on create and on update", arguments: TestBackend.allCases)
    func uniqueNames(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await platform.supplier(.fixture("Nordic Textiles AB"))
            let other = try await platform.supplier(.fixture("Acme Buttons"))
            let duplicate = await #expect(throws: ValidationError.self) {
                try await platform.supplier(.fixture("nordic textiles ab "))
            }
            #expect(duplicate?.problems == ["/name supplier_name_taken"])
            let renamed = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in
                    try await p.updateSupplier(other.id, to: .fixture("NORDIC TEXTILES AB"), by: .buyer, on: db)
                }
            }
            #expect(renamed?.problems == ["/name supplier_name_taken"])
            // Twenty creating the same name at once: exactly one wins.
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await platform.supplier(.fixture(index % 2 == 0 ? "Racer Oy" : "RACER OY"))
                            return true
                        } catch is ValidationError { return false }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1)
        }
    }

    @Test("every invalid field is reported at once", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let error = await #expect(throws: ValidationError.self) {
                try await platform.supplier(
                    SupplierDraft(name: " ", email: "not an email", currency: .eur, paymentTermsDays: 400))
            }
            #expect(
                error?.problems == [
                    "/name invalid_name", "/email invalid_email", "/payment_terms_days invalid_payment_terms",
                ])
            await #expect(throws: PurchasingError.supplierNotFound) {
                try await platform.read { p, db in try await p.supplier(SupplierID.generate(), on: db) }
            }
        }
    }

    @Test("the billing currency is fixed once something is priced in it", arguments: TestBackend.allCases)
    func currencyLock(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            // Nothing priced yet: the currency may still change.
            let sek = try await platform.write { p, db in
                try await p.updateSupplier(supplier.id, to: .fixture(currency: .sek), by: .buyer, on: db)
            }
            #expect(sek.currency == .sek)
            try await platform.price("SHIRT", .sek(9_000), for: sek)
            let locked = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in
                    try await p.updateSupplier(supplier.id, to: .fixture(currency: .eur), by: .buyer, on: db)
                }
            }
            #expect(locked?.problems == ["/currency currency_locked"])
        }
    }

    @Test("prices are set, replaced, listed and removed per supplier", arguments: TestBackend.allCases)
    func priceList(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SOCK", .eur(200), lead: 3, minimum: 12, for: supplier)
            try await platform.price("SHIRT", .eur(1_000), lead: 14, for: supplier)
            try await platform.price("SHIRT", .eur(950), lead: 10, for: supplier)
            let list = try await platform.read { p, db in try await p.priceList(of: supplier.id, on: db) }
            #expect(list.map(\.sku) == ["SHIRT", "SOCK"])
            #expect(list[0].unitCost == .eur(950) && list[0].leadTimeDays == 10)
            #expect(list[1].minimumOrderQuantity == 12)
            try await platform.write { p, db in
                try await p.removePrice(of: "SOCK", from: supplier.id, by: .buyer, on: db)
            }
            #expect(try await platform.read { p, db in try await p.priceList(of: supplier.id, on: db) }.count == 1)

            let refused = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in
                    try await p.setPrice(
                        SupplierPriceDraft(sku: " ", unitCost: .sek(5), minimumOrderQuantity: 0, leadTimeDays: -1),
                        for: supplier.id, by: .buyer, on: db)
                }
            }
            #expect(
                refused?.problems == [
                    "/sku sku_required", "/unit_cost/currency currency_mismatch",
                    "/minimum_order_quantity invalid_minimum_order_quantity", "/lead_time_days invalid_lead_time",
                ])
        }
    }

    @Test("the best source is the cheapest active supplier, ties to the shorter lead", arguments: TestBackend.allCases)
    func bestSource(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let slow = try await platform.supplier(.fixture("Slow"))
            let fast = try await platform.supplier(.fixture("Fast"))
            let cheap = try await platform.supplier(.fixture("Cheap"))
            try await platform.price("SHIRT", .eur(900), lead: 30, for: slow)
            try await platform.price("SHIRT", .eur(900), lead: 5, for: fast)
            try await platform.price("SHIRT", .eur(700), lead: 20, for: cheap)
            func best() async throws -> SupplierPrice? {
                try await platform.read { p, db in try await p.bestSource(for: "SHIRT", on: db) }
            }
            #expect(try await best()?.supplierID == cheap.id)
            _ = try await platform.write { p, db in
                try await p.updateSupplier(cheap.id, to: .fixture("Cheap", active: false), by: .buyer, on: db)
            }
            #expect(try await best()?.supplierID == fast.id)
            #expect(try await platform.read { p, db in try await p.bestSource(for: "NOTHING", on: db) } == nil)

            let swedish = try await platform.supplier(.fixture("Svensk", currency: .sek))
            try await platform.price("SHIRT", .sek(100), lead: 1, for: swedish)
            await #expect(throws: PurchasingError.sourcesInSeveralCurrencies(sku: "SHIRT", currencies: ["EUR", "SEK"]))
            {
                try await best()
            }
            let inEuro = try await platform.read { p, db in try await p.bestSource(for: "SHIRT", in: .eur, on: db) }
            #expect(inEuro?.supplierID == fast.id)
        }
    }
}
