import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore
import TorvHTTP

@Suite("Bad input gets a clear problem, never a 500")
struct ProblemTests {
    @Test("invalid fields are all reported with JSON pointers and nothing is written")
    func validationPointers() async throws {
        try await withTestApp(on: .sqlite) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let response = try await client.execute(
                uri: "/v1/admin/staff", method: .post, headers: Fixture.bearer(token),
                body: Fixture.json(["email": "nope", "name": "", "password": "short", "roles": [String]()]))
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let pointers = Set(response.json.array("errors").compactMap { $0.string("pointer") })
            #expect(pointers == ["/email", "/name", "/password", "/roles"])
            let staff = try await client.execute(uri: "/v1/admin/staff", method: .get, headers: Fixture.bearer(token))
            #expect(staff.json.array("items").count == 1)
        }
    }

    @Test(
        "malformed bodies are 400 with a pointer where there is one",
        arguments: [
            ("{not json", nil as String?), (#"{"email": 5, "password": "x"}"#, "/email"),
            (#"{"password": "x"}"#, "/email"),
        ])
    func malformedBodies(body: String, pointer: String?) async throws {
        try await withTestApp(on: .sqlite) { _, _, client in
            let response = try await client.execute(
                uri: "/v1/store/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: body))
            #expect(response.status == .badRequest, "\(response.text)")
            #expect(response.json["code"] != nil)
            if let pointer {
                #expect(response.json.array("errors").contains { $0.string("pointer") == pointer }, "\(response.text)")
            }
        }
    }

    @Test("an unknown route and a bad path ID are 404 problems; a bad page size is 400")
    func notFoundAndParameters() async throws {
        try await withTestApp(on: .sqlite) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            let unknown = try await client.execute(uri: "/v1/nowhere", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            let badID = try await client.execute(
                uri: "/v1/admin/staff/cus_123", method: .get, headers: Fixture.bearer(token))
            #expect(badID.status == .notFound)
            #expect(badID.json.string("code") == "staff_user_not_found")
            for limit in ["0", "201", "abc"] {
                let page = try await client.execute(
                    uri: "/v1/admin/staff?limit=\(limit)", method: .get, headers: Fixture.bearer(token))
                #expect(page.status == .badRequest, "limit=\(limit)")
            }
        }
    }

    @Test("a body over the limit is refused with 413")
    func bodyTooLarge() async throws {
        try await withTestApp(on: .sqlite, settings: HTTPSettings(maxBodyBytes: 1024)) { _, _, client in
            let big = String(repeating: "x", count: 4096)
            let response = try await client.execute(
                uri: "/v1/store/auth/login", method: .post, headers: [.contentType: "application/json"],
                body: Fixture.json(["email": big, "password": big]))
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test("infrastructure routes answer: health, readiness, the document and its reference")
    func infrastructure() async throws {
        try await withTestApp(on: .sqlite) { _, _, client in
            #expect(try await client.execute(uri: "/healthz", method: .get).json.string("status") == "ok")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.json.string("migrations") == "ok")
            let document = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(document.json.string("openapi") == "3.1.0")
            let docs = try await client.execute(uri: "/docs", method: .get)
            #expect(docs.status == .ok)
            #expect(docs.text.contains("loginStaff"))
            #expect(docs.text.contains("identity.staff.manage"))
            #expect(docs.headers[.contentSecurityPolicy] != nil)
        }
    }
}
