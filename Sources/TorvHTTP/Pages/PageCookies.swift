import HTTPTypes
import Hummingbird

/// Cookie settings shared by the shop's and the console's pages.
enum PageCookies {
    /// `Secure` when the browser reached Torv over HTTPS, directly or through a proxy that says so; on
    /// plain `http://localhost` (the demo) a `Secure` cookie would never come back.
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme == .https || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }

    static func session(_ name: String, value: String, path: String, maxAge: Int?, request: Request) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: path, secure: isSecure(request), httpOnly: true,
            sameSite: .lax)
    }

    static func expired(_ name: String, path: String, request: Request) -> Cookie {
        Cookie(
            name: name, value: "", maxAge: 0, path: path, secure: isSecure(request), httpOnly: true, sameSite: .lax)
    }
}
