import Checkout
import Hummingbird
import TorvCore

/// The cart a shopper's browser holds, kept in an `HttpOnly` cookie as `<cart id>.<guest token>`: the
/// same proof of ownership an API client sends as `X-Cart-Token`, so the pages reach carts exactly as the
/// public API does. A signed-in customer's cart is `<cart id>.` — their session proves it is theirs.
/// Nothing is kept on the server for it, so any Torv instance can serve the next page.
struct ShopperCart: Sendable, Equatable {
    static let cookieName = "torv_cart"
    /// A guest cart outlives a browser session: thirty days, as shoppers expect of a web shop.
    static let lifetime = 30 * 24 * 3600

    let id: CartID
    let access: CartAccess

    init(id: CartID, access: CartAccess) {
        self.id = id
        self.access = access
    }

    /// The cart the request's cookie names, or nil when there is none, it is malformed, or it is a
    /// customer's cart and that customer is not the one signed in.
    init?(_ request: Request, customer: String?) {
        guard let value = request.cookies[Self.cookieName]?.value,
            let dot = value.firstIndex(of: "."),
            let id = CartID(String(value[..<dot]))
        else { return nil }
        let token = String(value[value.index(after: dot)...])
        if !token.isEmpty {
            self.init(id: id, access: .guest(token: token))
        } else if let customer {
            self.init(id: id, access: .customer(customer))
        } else {
            return nil
        }
    }

    func cookie(for request: Request) -> Cookie {
        let token: String =
            switch access {
            case .guest(let token): token
            case .customer, .staff: ""
            }
        return PageCookies.session(
            Self.cookieName, value: id.rawValue + "." + token, path: "/", maxAge: Self.lifetime, request: request)
    }
}
