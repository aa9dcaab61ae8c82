import Foundation
import HTTPTypes
import Hummingbird

/// Cross-site request forgery protection for every HTML form Torv serves.
///
/// Three independent checks, any of which refuses the post: the browser's own `Sec-Fetch-Site` saying the
/// form came from another site, an `Origin` that is not this host, and a missing or wrong form token. The
/// token is a random value kept in an `HttpOnly`, `SameSite=Strict` cookie and repeated in a hidden field
/// (the double-submit pattern): another site can make a browser post, but it can neither read nor set
/// this cookie, so it cannot know what to put in the field. Nothing is stored on the server, so any Torv
/// instance behind the load balancer can check a form another one rendered.
struct FormGuard: Sendable {
    static let cookieName = "torv_form"
    static let fieldName = "_form"

    /// The form token for a page, and the cookie to set when the browser has none yet.
    func token(for request: Request) -> (token: String, cookie: Cookie?) {
        if let existing = request.cookies[Self.cookieName]?.value, Self.isWellFormed(existing) {
            return (existing, nil)
        }
        let token = Self.randomToken()
        return (
            token,
            Cookie(
                name: Self.cookieName, value: token, path: "/", secure: PageCookies.isSecure(request),
                httpOnly: true, sameSite: .strict)
        )
    }

    /// Why this post must be refused, or nil when it came from one of Torv's own pages.
    func refusal(of request: Request, form: FormData) -> String? {
        if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!], site == "cross-site" {
            return "the form was sent from another site"
        }
        if let origin = request.headers[HTTPField.Name("Origin")!], origin != "null" {
            guard let host = URL(string: origin).flatMap(Self.hostAndPort), host == Self.requestHost(request) else {
                return "the form was sent from another site"
            }
        }
        guard let cookie = request.cookies[Self.cookieName]?.value, Self.isWellFormed(cookie),
            let sent = form[Self.fieldName], Self.constantTimeEqual(cookie, sent)
        else {
            return "the form has expired or was not sent from this shop"
        }
        return nil
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return bytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    private static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 48 && token.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func hostAndPort(_ url: URL) -> String? {
        guard let host = url.host() else { return nil }
        return url.port.map { "\(host):\($0)" } ?? host
    }

    private static func requestHost(_ request: Request) -> String? {
        request.head.authority
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
