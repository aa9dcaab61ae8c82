import Testing

@testable import TorvHTTP

@Suite("Redirects after a form stay on this site")
struct LocalRedirectTests {
    @Test(
        "paths on this site pass; other sites, scheme-relative and backslash tricks and header breaks do not",
        arguments: [
            ("/account/orders", "/", true), ("/admin/orders?status=paid", "/admin", true), ("/", "/", true),
            ("//evil.example/admin", "/", false), ("/\\evil.example", "/", false), ("https://evil.example", "/", false),
            ("/account\r\nSet-Cookie: x=1", "/", false), ("/account", "/admin", false), ("account", "/", false),
            ("", "/", false),
        ])
    func paths(next: String, prefix: String, allowed: Bool) {
        #expect((LocalRedirect.path(next, under: prefix) != nil) == allowed, "\(next) under \(prefix)")
    }

    @Test("nothing asked for is nothing allowed")
    func missing() {
        #expect(LocalRedirect.path(nil) == nil)
        #expect(ConsolePages.safeNext(nil) == "/admin")
        #expect(ConsolePages.safeNext("//evil.example") == "/admin")
    }
}
