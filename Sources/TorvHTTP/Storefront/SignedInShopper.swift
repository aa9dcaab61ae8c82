import Flows
import Foundation
import Hummingbird
import Identity
import Persistence
import TorvCore

/// A customer signed in to the storefront: their session token lives in the `HttpOnly` `torv_shopper`
/// cookie, the same token the public API takes as a bearer.
struct SignedInShopper: Sendable {
    static let cookieName = "torv_shopper"

    let customerID: String
    let name: String
    let email: String
    let sessionID: SessionID?

    /// The shopper the request's cookie signs in, or nil for a guest (or an expired session).
    static func from(_ request: Request, on platform: Platform) async -> SignedInShopper? {
        guard let token = request.cookies[cookieName]?.value, !token.isEmpty,
            let principal = try? await platform.identity.authenticate(bearer: token, in: platform.database),
            let id = principal.customerID
        else { return nil }
        let identity = platform.identity
        guard let account = try? await platform.database.read({ db in try await identity.customer(id, on: db) }) else {
            return nil
        }
        return SignedInShopper(
            customerID: id.rawValue, name: account.name, email: account.email, sessionID: principal.sessionID)
    }

    static func cookie(_ session: IssuedSession, now: Date, request: Request) -> Cookie {
        PageCookies.session(
            cookieName, value: session.token, path: "/", maxAge: max(60, Int(session.expiresAt.timeIntervalSince(now))),
            request: request)
    }
}
