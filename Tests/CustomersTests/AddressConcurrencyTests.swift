import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Many requests at once against one address book: whatever order they commit in, a customer ends
/// with exactly one default of each kind, and it is one of their own addresses.
@Suite("Address book concurrency")
struct AddressConcurrencyTests {
    @Test(
        "24 concurrent additions that all claim both defaults leave exactly one default of each",
        arguments: TestBackend.allCases)
    func concurrentAdditions(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let erika = Customer.id()
            let customers = platform.customers
            let database = env.database
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        _ = try await database.inTransaction { db in
                            try await customers.addAddress(
                                .init(
                                    address: .fixture(line1: "Street \(index)"), isDefaultShipping: true,
                                    isDefaultBilling: true), of: erika, by: .customer(erika), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let book = try await platform.read { customers, db in try await customers.addresses(of: erika, on: db) }
            #expect(book.count == 24)
            #expect(book.filter(\.isDefaultShipping).count == 1)
            #expect(book.filter(\.isDefaultBilling).count == 1)
        }
    }

    @Test(
        "concurrent default changes and removals never leave two defaults or a default pointing nowhere",
        arguments: TestBackend.allCases)
    func defaultsUnderRemoval(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let erika = Customer.id()
            let actor = AuditActor.customer(erika)
            var ids: [CustomerAddressID] = []
            for index in 0..<12 {
                let address = try await platform.write { customers, db in
                    try await customers.addAddress(
                        .init(address: .fixture(line1: "Street \(index)")), of: erika, by: actor, on: db)
                }
                ids.append(address.id)
            }
            let customers = platform.customers
            let database = env.database
            let addressIDs = ids
            // Each address is made the shipping default by one task and removed by another, all at once.
            let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
                for id in addressIDs {
                    group.addTask {
                        do {
                            _ = try await database.inTransaction { db in
                                try await customers.setDefaultAddress(id, for: .shipping, of: erika, by: actor, on: db)
                            }
                            return "set"
                        } catch CustomersError.addressNotFound {
                            return "gone"
                        }
                    }
                    group.addTask {
                        try await database.inTransaction { db in
                            try await customers.removeAddress(id, of: erika, by: actor, on: db)
                        }
                        return "removed"
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == "removed" }.count == 12)
            let book = try await platform.read { customers, db in try await customers.addresses(of: erika, on: db) }
            #expect(book.isEmpty)
            let pointers = try await database.read { db in
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM customers_address_defaults
                    WHERE customer_id = \(bind: erika) AND (shipping_address_id IS NOT NULL OR billing_address_id IS NOT NULL)
                    """
                ).first()?.int("n")
            }
            #expect(pointers == 0)
        }
    }
}
