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
import TorvHTTP

@Suite("Idempotency-Key over HTTP")
struct IdempotencyHTTPTests {
    static func createStaff(
        _ client: some TestClientProtocol, token: String, key: String?, email: String
    ) async throws
        -> TestResponse
    {
        var headers = Fixture.bearer(token)
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(
            uri: "/v1/admin/staff", method: .post, headers: headers,
            body: Fixture.json(["email": email, "name": "N", "password": "long enough pass", "roles": ["support"]]))
    }

    @Test("a retry replays the first answer, another body with the key is 422", arguments: TestBackend.allCases)
    func replayAndMismatch(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let first = try await Self.createStaff(client, token: token, key: "k-1", email: "a@shop.example")
            let retry = try await Self.createStaff(client, token: token, key: "k-1", email: "a@shop.example")
            #expect(first.status == .created)
            #expect(retry.status == .created)
            #expect(retry.json.string("id") == first.json.string("id"))
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let other = try await Self.createStaff(client, token: token, key: "k-1", email: "b@shop.example")
            #expect(other.status == .unprocessableContent)
            #expect(other.json.string("code") == "idempotency_key_reused")
        }
    }

    @Test("16 racing duplicates create one staff user", arguments: TestBackend.allCases)
    func racingDuplicates(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await Self.createStaff(client, token: token, key: "race", email: "r@shop.example").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Each answer is the original 201 (first or replay) or 409 while the first was in flight.
            #expect(statuses.allSatisfy { $0 == .created || $0 == .conflict }, "\(statuses)")
            #expect(statuses.contains(.created))
            let users = try await platform.database.read { db in
                try await platform.identity.staffUsers(after: nil, limit: 10, on: db)
            }
            #expect(users.count == 2)
        }
    }

    @Test("keys are per principal: another staff user's same key is a new request")
    func scopedPerPrincipal() async throws {
        try await withTestApp(on: .sqlite) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            _ = try await Fixture.staff("second@shop.example", roles: ["owner"], on: platform)
            let one = try await Fixture.staffToken("owner@shop.example", client: client)
            let two = try await Fixture.staffToken("second@shop.example", client: client)
            let first = try await Self.createStaff(client, token: one, key: "same", email: "x@shop.example")
            let second = try await Self.createStaff(client, token: two, key: "same", email: "y@shop.example")
            #expect(first.status == .created)
            #expect(second.status == .created)
            #expect(first.json.string("id") != second.json.string("id"))
        }
    }
}
