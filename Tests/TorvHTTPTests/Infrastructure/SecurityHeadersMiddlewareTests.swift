import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TorvHTTP

@Suite struct SecurityHeadersMiddlewareTests {
    static let expected: [(String, String)] = [
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
        ),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    static func app() -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.get("/page") { _, _ in "<h1>Hello</h1>" }
        router.get("/embeddable") { _, _ in
            Response(status: .ok, headers: [.contentSecurityPolicy: "frame-ancestors https://partner.example"])
        }
        return Application(router: router, logger: .quiet)
    }

    @Test("every header is set on a normal response", arguments: expected)
    func onSuccess(name: String, value: String) async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/page", method: .get)

            #expect(response.headers[HTTPField.Name(name)!] == value)
        }
    }

    @Test("problems get them too, so an error page cannot be framed either", arguments: expected)
    func onProblem(name: String, value: String) async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/missing", method: .get)

            #expect(response.status == .notFound)
            #expect(response.headers[HTTPField.Name(name)!] == value)
        }
    }

    @Test("a route that sets its own policy keeps it, and gets the rest")
    func routeOverride() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/embeddable", method: .get)

            #expect(response.headers[values: .contentSecurityPolicy] == ["frame-ancestors https://partner.example"])
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
