import Foundation
import Hummingbird

/// The order a browser just placed, as an `HttpOnly` cookie holding its number and e-mail address: the
/// same two facts a guest types to look an order up, so the cookie grants nothing the lookup form would
/// not. It lets the confirmation page open without an account.
struct OrderReceipt: Sendable, Equatable {
    static let cookieName = "torv_receipt"
    static let lifetime = 30 * 24 * 3600

    let number: String
    let email: String

    init(number: String, email: String) {
        self.number = number
        self.email = email
    }

    init?(_ request: Request) {
        guard let value = request.cookies[Self.cookieName]?.value,
            let data = Data(
                base64Encoded: Self.padded(
                    value.replacingOccurrences(of: "-", with: "+")
                        .replacingOccurrences(of: "_", with: "/"))),
            let text = String(data: data, encoding: .utf8),
            let newline = text.firstIndex(of: "\n")
        else { return nil }
        self.init(number: String(text[..<newline]), email: String(text[text.index(after: newline)...]))
    }

    func cookie(for request: Request) -> Cookie {
        let encoded = Data("\(number)\n\(email)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return PageCookies.session(Self.cookieName, value: encoded, path: "/", maxAge: Self.lifetime, request: request)
    }

    private static func padded(_ text: String) -> String {
        text + String(repeating: "=", count: (4 - text.count % 4) % 4)
    }
}
