import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import TorvCore

/// Identity's customer IDs, minted here without importing Identity (as Customers itself does).
enum TestCustomerPrefix: IDPrefix { static let prefix = "cus" }

enum Customer {
    /// A fresh, well-formed customer ID.
    static func id() -> String { TypedID<TestCustomerPrefix>.generate().rawValue }
}

extension AuditActor {
    static let clerk = AuditActor(kind: "staff", id: "stf_clerk", requestID: "req_test")

    /// The customer acting on their own data.
    static func customer(_ id: String) -> AuditActor { AuditActor(kind: "customer", id: id) }
}

extension StreetAddress {
    static func fixture(
        _ recipient: String = "Erika Mustermann", line1: String = "Unter den Linden 1", country: String = "DE"
    ) -> StreetAddress {
        StreetAddress(recipient: recipient, line1: line1, city: "Berlin", postalCode: "10117", countryCode: country)
    }
}

extension CompanyDraft {
    static func fixture(
        _ name: String = "Acme GmbH", status: CompanyStatus = .active, creditLimit: Money? = nil
    ) -> CompanyDraft {
        CompanyDraft(
            legalName: name, vatID: "DE123456789", billingAddress: .fixture("Accounts Payable"), paymentTermsDays: 30,
            creditLimit: creditLimit, priceListID: "prl_wholesale", status: status)
    }
}

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

extension Platform {
    /// Runs `body` with the customers facade in one transaction.
    func write<R: Sendable>(
        _ body: @escaping @Sendable (Customers, any SQLDatabase) async throws -> R
    )
        async throws -> R
    {
        let customers = self.customers
        return try await database.inTransaction { db in try await body(customers, db) }
    }

    func read<R: Sendable>(
        _ body: @escaping @Sendable (Customers, any SQLDatabase) async throws -> R
    )
        async throws -> R
    {
        let customers = self.customers
        return try await database.read { db in try await body(customers, db) }
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

/// The field errors of a `ValidationError` as `pointer: code` pairs, for compact expectations.
func fieldCodes(_ error: ValidationError?) -> [String: String] {
    guard let validation = error else { return [:] }
    return Dictionary(validation.fieldErrors.map { ($0.pointer, $0.code) }, uniquingKeysWith: { first, _ in first })
}
