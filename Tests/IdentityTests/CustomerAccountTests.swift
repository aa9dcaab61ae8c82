import Flows
import Foundation
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Customer accounts")
struct CustomerAccountTests {
    @Test("registering twice creates one account and one event; both calls succeed", arguments: TestBackend.allCases)
    func registerTwice(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let first = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            guard case .created(let account) = first else {
                Issue.record("expected a new account")
                return
            }
            let second = try await platform.identity.registerCustomer(
                email: "ADA@example.com", password: "another password!", name: "Eve", requestID: nil, in: env.database)
            #expect(second == .alreadyRegistered)
            let events = try await env.database.read { db in try await platform.outbox.history(on: db) }
            #expect(events.map(\.type) == ["customer.registered"])
            // The original password still works; the second registration changed nothing.
            let (_, signedIn) = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)
            #expect(signedIn.id == account.id)
            #expect(signedIn.name == "Ada")
        }
    }

    @Test("staff find an account by its e-mail address however it is written", arguments: TestBackend.allCases)
    func findByEmail(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let registered = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            guard case .created(let account) = registered else {
                Issue.record("expected a new account")
                return
            }
            let (found, missing) = try await env.database.read { db in
                (
                    try await platform.identity.customer(email: "  ADA@Example.com ", on: db),
                    try await platform.identity.customer(email: "eve@example.com", on: db)
                )
            }
            #expect(found?.id == account.id)
            #expect(missing == nil)
        }
    }

    @Test("32 racing registrations of one address create one account", arguments: TestBackend.allCases)
    func racingRegistrations(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let outcomes = try await withThrowingTaskGroup(of: Registration.self) { group in
                for index in 0..<32 {
                    group.addTask {
                        try await platform.identity.registerCustomer(
                            email: "rush@example.com", password: Platform.password, name: "Rush \(index)",
                            requestID: nil, in: env.database)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { if case .created = $0 { true } else { false } }.count == 1)
            let accounts = try await env.database.read { db in
                try await platform.identity.customers(after: nil, limit: 100, on: db)
            }
            #expect(accounts.count == 1)
        }
    }

    @Test("a customer session is a customer principal, and logout ends it", arguments: TestBackend.allCases)
    func sessionAndLogout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            let (session, _) = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)
            #expect(session.token.hasPrefix("torv_cs_"))
            let principal = try await platform.identity.authenticate(bearer: session.token, in: env.database)
            #expect(principal.kind == .customer)
            #expect(!principal.allows(.customersRead))
            try await env.database.inTransaction { db in try await platform.identity.endSession(session.id, on: db) }
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: session.token, in: env.database)
            }
        }
    }

    @Test("wrong password and unknown address fail alike; weak passwords are refused", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            for (email, password) in [("ada@example.com", "wrong password"), ("eve@example.com", Platform.password)] {
                await #expect(throws: IdentityError.invalidCredentials) {
                    try await platform.identity.loginCustomer(email: email, password: password, in: env.database)
                }
            }
            await #expect(throws: (any Error).self) {
                try await platform.identity.registerCustomer(
                    email: "bob@example.com", password: "short", name: "Bob", requestID: nil, in: env.database)
            }
            let tooLong = String(repeating: "ü", count: 40)  // 80 bytes: bcrypt would silently cut it
            await #expect(throws: (any Error).self) {
                try await platform.identity.registerCustomer(
                    email: "bob@example.com", password: tooLong, name: "Bob", requestID: nil, in: env.database)
            }
        }
    }

    @Test("a password change ends the old sessions", arguments: TestBackend.allCases)
    func passwordChange(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            let (old, account) = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)
            let fresh = try await platform.identity.changeCustomerPassword(
                account.id, current: Platform.password, new: "an entirely new one", in: env.database)
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: old.token, in: env.database)
            }
            #expect(try await platform.identity.authenticate(bearer: fresh.token, in: env.database).kind == .customer)
        }
    }
}
