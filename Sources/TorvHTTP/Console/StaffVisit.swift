import Foundation
import Hummingbird
import Identity
import Persistence
import TorvCore

/// A signed-in staff member on a console page: who they are, what they may do, and the form token
/// their page's forms carry.
struct StaffVisit: Sendable {
    let principal: Principal
    let staffName: String
    let formToken: String

    /// The staff member as the audit log and order timelines record them, with this request's ID.
    var actor: AuditActor {
        AuditActor(kind: principal.kind.rawValue, id: principal.id, requestID: RequestInfo.requestID)
    }

    func may(_ permission: Permission) -> Bool { principal.permissions.allows(permission) }
}

/// The console's sign-in cookies: the staff session token, and during a two-factor sign-in the
/// short-lived challenge between the password and the code. Both `HttpOnly` and scoped to `/admin`, so
/// the shop's pages never carry them.
enum StaffCookie {
    static let session = "torv_staff"
    static let challenge = "torv_staff_2fa"

    static func session(_ token: String, expiresAt: Date, now: Date, request: Request) -> Cookie {
        PageCookies.session(
            session, value: token, path: "/admin", maxAge: max(60, Int(expiresAt.timeIntervalSince(now))),
            request: request)
    }

    static func challenge(_ token: String, expiresAt: Date, now: Date, request: Request) -> Cookie {
        PageCookies.session(
            challenge, value: token, path: "/admin/login",
            maxAge: max(30, Int(expiresAt.timeIntervalSince(now))), request: request)
    }
}

/// The console's areas, for the navigation.
enum ConsoleSection: String, Sendable, CaseIterable {
    case dashboard, orders, catalog, stock, customers, promotions, giftCards, marketplace, finance, settings
}
