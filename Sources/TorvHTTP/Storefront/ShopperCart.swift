import Checkout
import Hummingbird
import TorvCore

/// The cart a shopper's browser holds, kept in an `HttpOnly` cookie as `<cart id>.<guest token>`: the
/// same proof of ownership an API client sends as `X-Cart-Token`, so the pages reach carts exactly as the
/// public API does. Nothing is kept on the server for it, so any Torv instance can serve the next page.
struct ShopperCart: Sendable, Equatable {
    static let cookieName = "torv_cart"
    /// A guest cart outlives a browser session: thirty days, as shoppers expect of a web shop.
    static let lifetime = 30 * 24 * 3600

    let id: CartID
    let token: String

    var access: CartAccess { .guest(token: token) }

    init(id: CartID, token: String) {
        self.id = id
        self.token = token
    }

    /// The cart the request's cookie names, or nil when there is none or it is malformed.
    init?(_ request: Request) {
        guard let value = request.cookies[Self.cookieName]?.value,
            let dot = value.firstIndex(of: "."),
            let id = CartID(String(value[..<dot]))
        else { return nil }
        let token = String(value[value.index(after: dot)...])
        guard !token.isEmpty else { return nil }
        self.init(id: id, token: token)
    }

    func cookie(for request: Request) -> Cookie {
        PageCookies.session(
            Self.cookieName, value: id.rawValue + "." + token, path: "/", maxAge: Self.lifetime, request: request)
    }
}
