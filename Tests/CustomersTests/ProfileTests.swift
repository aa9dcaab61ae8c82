import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Profiles")
struct ProfileTests {
    @Test("a customer who never saved a profile reads the defaults, and reading writes nothing")
    func defaults() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let customer = Customer.id()
            let profile = try await platform.read { customers, db in try await customers.profile(of: customer, on: db) }
            #expect(profile == .defaults(of: customer))
            #expect(profile.updatedAt == nil && !profile.marketingConsent)
            #expect(try await platform.events(CustomerProfileUpdated.self).isEmpty)
        }
    }

    @Test("an update is stored normalised, read back, announced, and not audited when the customer made it")
    func update() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let customer = Customer.id()
            let draft = CustomerProfileDraft(
                displayName: "  Erika  ", phone: "+49 (30) 123-4567", locale: "de_at", marketingConsent: true)
            let saved = try await platform.write { customers, db in
                try await customers.updateProfile(of: customer, to: draft, by: .customer(customer), on: db)
            }
            #expect(saved.displayName == "Erika")
            #expect(saved.phone == "+49301234567")
            #expect(saved.locale == "de-AT")
            #expect(saved.marketingConsent && saved.marketingConsentChangedAt == env.clock.now)
            #expect(saved.updatedAt == env.clock.now)
            let read = try await platform.read { customers, db in try await customers.profile(of: customer, on: db) }
            #expect(read == saved)
            let events = try await platform.events(CustomerProfileUpdated.self)
            #expect(events.map(\.customerID) == [customer] && events.map(\.marketingConsent) == [true])
            #expect(try await platform.auditActions().isEmpty)
        }
    }

    @Test("staff editing a profile are audited")
    func staffAudited() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let customer = Customer.id()
            _ = try await platform.write { customers, db in
                try await customers.updateProfile(of: customer, to: .init(displayName: "Max"), by: .clerk, on: db)
            }
            #expect(try await platform.auditActions() == ["customer.profile_updated"])
        }
    }

    @Test("the consent time moves only when the consent changes")
    func consentTime() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let customer = Customer.id()
            let actor = AuditActor.customer(customer)
            func save(_ consent: Bool, name: String) async throws -> CustomerProfile {
                try await platform.write { customers, db in
                    try await customers.updateProfile(
                        of: customer, to: .init(displayName: name, marketingConsent: consent), by: actor, on: db)
                }
            }
            let optedOut = try await save(false, name: "A")
            #expect(optedOut.marketingConsentChangedAt == nil)

            env.clock.advance(by: 60)
            let optedIn = try await save(true, name: "B")
            let consentTime = env.clock.now
            #expect(optedIn.marketingConsentChangedAt == consentTime)

            env.clock.advance(by: 60)
            let renamed = try await save(true, name: "C")
            #expect(renamed.marketingConsentChangedAt == consentTime)
            #expect(renamed.updatedAt == env.clock.now)

            env.clock.advance(by: 60)
            let withdrawn = try await save(false, name: "C")
            #expect(!withdrawn.marketingConsent && withdrawn.marketingConsentChangedAt == env.clock.now)
        }
    }

    @Test("every invalid field is reported at once with its pointer, and nothing is stored")
    func validation() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let customer = Customer.id()
            let draft = CustomerProfileDraft(
                displayName: String(repeating: "x", count: 101), phone: "030 123", locale: "german",
                marketingConsent: true)
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in
                    try await customers.updateProfile(of: customer, to: draft, by: .customer(customer), on: db)
                }
            }
            #expect(
                fieldCodes(error) == [
                    "/display_name": "invalid_display_name", "/phone": "invalid_phone", "/locale": "invalid_locale",
                ])
            let profile = try await platform.read { customers, db in try await customers.profile(of: customer, on: db) }
            #expect(profile.updatedAt == nil)
        }
    }

    @Test("an ID that is not a customer's is refused, so no profile grows under an order or staff ID")
    func foreignIDs() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            for id in ["", "stf_clerk", "ord_01jd8x0000000000000000000", Customer.id().uppercased()] {
                let error = await #expect(throws: ValidationError.self) {
                    try await platform.write { customers, db in
                        try await customers.updateProfile(of: id, to: .init(), by: .clerk, on: db)
                    }
                }
                #expect(error?.fieldErrors.map(\.code) == ["invalid_customer_id"])
            }
        }
    }

    @Test(
        "16 concurrent first saves of one profile leave one row, and the last consent decision stands",
        arguments: TestBackend.allCases)
    func concurrentFirstSaves(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let customer = Customer.id()
            let customers = platform.customers
            let database = env.database
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<16 {
                    group.addTask {
                        _ = try await database.inTransaction { db in
                            try await customers.updateProfile(
                                of: customer, to: .init(displayName: "Name \(index)", marketingConsent: true),
                                by: .customer(customer), on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await database.read { db in
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM customers_profiles WHERE customer_id = \(bind: customer)"
                ).first()?.int("n")
            }
            #expect(rows == 1)
            let profile = try await platform.read { customers, db in try await customers.profile(of: customer, on: db) }
            // Everyone opted in at the same instant: the consent time is that first decision.
            #expect(profile.marketingConsent && profile.marketingConsentChangedAt == env.clock.now)
            #expect(try await platform.events(CustomerProfileUpdated.self).count == 16)
        }
    }
}
