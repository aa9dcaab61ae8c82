import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Customer journey over HTTP")
struct CustomerJourneyTests {
    static func register(
        _ client: some TestClientProtocol, email: String, password: String, name: String
    ) async throws
        -> TestResponse
    {
        try await client.execute(
            uri: "/v1/store/customers", method: .post, headers: [.contentType: "application/json"],
            body: Fixture.json(["email": email, "password": password, "name": name]))
    }

    @Test(
        "registration answers alike for a new and a taken address; a shopper sees only their own account",
        arguments: TestBackend.allCases)
    func journey(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let first = try await Self.register(
                client, email: "ada@example.com", password: Fixture.password, name: "Ada")
            let again = try await Self.register(
                client, email: "ada@example.com", password: "another password!", name: "Eve")
            #expect(first.status == .accepted)
            #expect(again.status == .accepted)
            #expect(first.text == again.text)

            let login = try await client.execute(
                uri: "/v1/store/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(["email": "ada@example.com", "password": Fixture.password]))
            #expect(login.status == .ok)
            let token = try #require(login.json.object("session").string("token"))
            #expect(login.json.object("customer").string("name") == "Ada")

            let me = try await client.execute(uri: "/v1/store/me", method: .get, headers: Fixture.bearer(token))
            #expect(me.json.string("email") == "ada@example.com")
            // A shopper's token opens no staff door.
            let staff = try await client.execute(
                uri: "/v1/admin/customers", method: .get, headers: Fixture.bearer(token))
            #expect(staff.status == .forbidden)

            let changed = try await client.execute(
                uri: "/v1/store/me/password", method: .post, headers: Fixture.bearer(token),
                body: Fixture.json(["current_password": Fixture.password, "new_password": "a fresh long password"]))
            #expect(changed.status == .ok)
            let fresh = try #require(changed.json.string("token"))
            #expect(
                try await client.execute(uri: "/v1/store/me", method: .get, headers: Fixture.bearer(token)).status
                    == .unauthorized)
            #expect(
                try await client.execute(uri: "/v1/store/me", method: .get, headers: Fixture.bearer(fresh)).status
                    == .ok)

            let events = try await platform.database.read { db in try await platform.outbox.history(on: db) }
            #expect(events.map(\.type) == ["customer.registered"])
        }
    }

    @Test("a weak password is refused with a pointer and creates nothing")
    func weakPassword() async throws {
        try await withTestApp(on: .sqlite) { _, platform, client in
            let response = try await Self.register(client, email: "bob@example.com", password: "short", name: "Bob")
            #expect(response.status == .badRequest)
            #expect(response.json.array("errors").compactMap { $0.string("pointer") } == ["/password"])
            let accounts = try await platform.database.read { db in
                try await platform.identity.customers(after: nil, limit: 10, on: db)
            }
            #expect(accounts.isEmpty)
        }
    }
}
