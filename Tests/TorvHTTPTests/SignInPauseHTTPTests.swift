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

/// After five wrong passwords for one address, the API answers 429 with `Retry-After`, and the shop's
/// and the console's sign-in forms say how long to wait.
@Suite("Sign-in pauses over HTTP")
struct SignInPauseHTTPTests {
    @Test(
        "the API, the shop and the console all pause an address after five wrong passwords",
        arguments: TestBackend.allCases)
    func pause(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.customerToken("ada@example.com", on: platform)
            func apiLogin(_ password: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/v1/store/auth/login", method: .post, headers: [.contentType: "application/json"],
                    body: Fixture.json(["email": "ada@example.com", "password": password]))
            }
            for _ in 0..<5 { #expect(try await apiLogin("wrong password").status == .unauthorized) }
            let paused = try await apiLogin(Fixture.password)
            #expect(paused.status == .tooManyRequests)
            #expect(paused.headers[.retryAfter] == "300")
            #expect(paused.text.contains("sign_in_paused"))

            var shopper = BrowserLikeSession()
            let form = try await shopper.get("/account/login", client: client)
            let token = try #require(BrowserLikeSession.formToken(in: form.text))
            let shopPage = try await shopper.post(
                "/account/login", [("_form", token), ("email", "ada@example.com"), ("password", Fixture.password)],
                client: client)
            #expect(shopPage.status == .tooManyRequests && shopPage.text.contains("Try again in 5 minutes."))

            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let staff = ConsoleBrowser(client: client, session: nil)
            for _ in 0..<5 {
                let wrong = try await staff.post(
                    "/admin/login", [("email", "owner@shop.example"), ("password", "wrong password")])
                #expect(wrong.status == .unauthorized)
            }
            let console = try await staff.post(
                "/admin/login", [("email", "owner@shop.example"), ("password", Fixture.password)])
            #expect(console.status == .tooManyRequests && console.text.contains("sign-in pauses for it"))
        }
    }
}
