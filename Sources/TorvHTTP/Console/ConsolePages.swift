import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Persistence
import TorvCore

/// The back-office console at `/admin`: server-rendered pages for staff over the same flows the admin
/// API calls. Every page needs a staff session (the `torv_staff` cookie) holding the permission the
/// matching API operation declares, and every form carries the ``FormGuard`` token.
struct ConsolePages: Sendable {
    let platform: Platform
    let templates: PageTemplates
    let settings: ShopSettings
    let formGuard = FormGuard()

    func register(on router: Router<TorvRequestContext>) {
        registerSignIn(on: router)
        registerOrders(on: router)
        registerCatalog(on: router)
        registerCatalogEditing(on: router)
        registerStock(on: router)
        registerCustomers(on: router)
        registerPromotions(on: router)
        registerGiftCards(on: router)
        registerMarketplace(on: router)
        registerFinance(on: router)
        registerSettings(on: router)
        router.get("/admin") { request, context in
            await page(request, context, permission: nil) { visit in
                // Sales figures are for staff who may read orders; an accountant or support agent starts
                // from the areas their role opens.
                guard visit.may(.ordersRead) else {
                    return try render(
                        "console-message", title: "Welcome", section: .dashboard,
                        view: ConsoleMessage(
                            heading: "Welcome, \(visit.staffName)",
                            message: "Choose an area above. The sales dashboard is for staff who may read orders."),
                        visit: visit, request: request)
                }
                return try await dashboard(request, visit: visit)
            }
        }
    }

    // MARK: - Guarded pages

    /// A GET page for staff holding `permission` (nil: any signed-in staff member): anyone else is sent to
    /// sign in, or shown a refusal.
    func page(
        _ request: Request, _ context: TorvRequestContext, permission: Permission?,
        _ body: (StaffVisit) async throws -> Response
    ) async -> Response {
        do {
            switch try await visit(request, permission: permission) {
            case .signedOut: return signInRedirect(request)
            case .refused(let visit): return try refusal(visit, request: request)
            case .allowed(let visit, let cookie):
                var response = try await body(visit)
                if let cookie { response.setCookie(cookie) }
                return response
            }
        } catch {
            return failure(error, request: request, context: context)
        }
    }

    /// A form post for staff holding `permission`, refused unless it came from one of our own pages.
    /// `bodyLimit` bounds what is read; the server-wide body limit still applies on top of it.
    func post(
        _ request: Request, _ context: TorvRequestContext, permission: Permission?, bodyLimit: Int = 256 * 1024,
        _ body: (StaffVisit, FormData) async throws -> Response
    ) async -> Response {
        do {
            let bytes: ByteBuffer
            do {
                bytes = try await request.body.collect(upTo: bodyLimit)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                throw Problem.payloadTooLarge(limit: bodyLimit)
            }
            let form = FormData(urlEncoded: String(buffer: bytes))
            switch try await visit(request, permission: permission) {
            case .signedOut: return signInRedirect(request)
            case .refused(let visit): return try refusal(visit, request: request)
            case .allowed(let visit, _):
                if let refusal = formGuard.refusal(of: request, form: form) {
                    context.logger.notice("console form refused", metadata: ["reason": .string(refusal)])
                    return try render(
                        "console-message", title: "Form refused", section: .dashboard,
                        view: ConsoleMessage(
                            heading: "This form could not be accepted",
                            message:
                                "For safety the console refused it: \(refusal). Go back, reload the page and try again."
                        ), visit: visit, request: request, status: .forbidden)
                }
                return try await body(visit, form)
            }
        } catch {
            return failure(error, request: request, context: context)
        }
    }

    /// Renders `template` inside the console layout.
    func render(
        _ template: String, title: String, section: ConsoleSection, view: Any, visit: StaffVisit, request: Request,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let frame = ConsoleFrame(
            title: title, shopName: settings.shopName, staffName: visit.staffName, formToken: visit.formToken,
            navigation: ConsoleNavigation.items(current: section, visit: visit), page: view)
        return HTMLResponse.page(try templates.render(frame, template), status: status)
    }

    // MARK: - Who is asking

    enum Visit {
        case signedOut
        case refused(StaffVisit)
        case allowed(StaffVisit, tokenCookie: Cookie?)
    }

    func visit(_ request: Request, permission: Permission?) async throws -> Visit {
        guard let token = request.cookies[StaffCookie.session]?.value, !token.isEmpty,
            let principal = try? await platform.identity.authenticate(bearer: token, in: platform.database),
            principal.kind == .staff, let staffID = StaffUserID(principal.id)
        else { return .signedOut }
        let identity = platform.identity
        let user = try await platform.database.read { db in try await identity.staffUser(staffID, on: db) }
        let (formToken, cookie) = formGuard.token(for: request)
        let visit = StaffVisit(principal: principal, staffName: user.name, formToken: formToken)
        return permission.map(visit.may) ?? true ? .allowed(visit, tokenCookie: cookie) : .refused(visit)
    }

    private func signInRedirect(_ request: Request) -> Response {
        let next = request.method == .get ? request.uri.path : "/admin"
        var components = URLComponents()
        components.path = "/admin/login"
        components.queryItems = [URLQueryItem(name: "next", value: next)]
        return HTMLResponse.redirect(to: components.string ?? "/admin/login")
    }

    private func refusal(_ visit: StaffVisit, request: Request) throws -> Response {
        try render(
            "console-message", title: "Not allowed", section: .dashboard,
            view: ConsoleMessage(
                heading: "You do not have access to this page",
                message: "Your role does not include it. Ask an owner to grant the permission if you need it."),
            visit: visit, request: request, status: .forbidden)
    }

    private func failure(_ error: any Error, request: Request, context: TorvRequestContext) -> Response {
        let problem: Problem =
            switch error {
            case let domain as any DomainError: Problem(domain)
            case let problem as Problem: problem
            default: .internal(requestID: RequestInfo.requestID)
            }
        if problem.status.code >= 500 {
            context.logger.error("console page failed", metadata: ["error": .string(String(describing: error))])
        }
        let html =
            (try? templates.render(
                ConsolePlainFrame(title: problem.title, heading: problem.title, message: problem.detail),
                "console-plain"))
        return HTMLResponse.page(
            html ?? "<!doctype html><title>Error</title><p>Something went wrong.</p>", status: problem.status)
    }
}

extension Permission {
    static let ordersRead: Permission = "orders.read"
}

/// What the console layout shows around every page.
struct ConsoleFrame {
    let title: String
    let shopName: String
    let staffName: String
    let formToken: String
    let navigation: [ConsoleNavigation]
    let page: Any
}

/// A page outside the signed-in layout: sign-in, and errors before we know who is asking.
struct ConsolePlainFrame {
    let title: String
    let heading: String
    let message: String
}

struct ConsoleMessage {
    let heading: String
    let message: String
}

/// One entry of the console's navigation, shown only to staff who may open it.
struct ConsoleNavigation {
    let href: String
    let label: String
    let current: Bool

    static func items(current: ConsoleSection, visit: StaffVisit) -> [ConsoleNavigation] {
        let all: [(ConsoleSection, String, String, Permission)] = [
            (.dashboard, "/admin", "Dashboard", .ordersRead),
            (.orders, "/admin/orders", "Orders", .ordersRead),
            (.catalog, "/admin/catalog", "Catalog", .catalogProductsRead),
            (.stock, "/admin/stock", "Stock", .inventoryStockRead),
            (.customers, "/admin/customers", "Customers", .identityCustomersRead),
            (.promotions, "/admin/promotions", "Promotions", .promotionsRead),
            (.giftCards, "/admin/gift-cards", "Gift cards", .giftCardsRead),
            (.marketplace, "/admin/marketplace/sellers", "Marketplace", .marketplaceSellersRead),
            (.finance, "/admin/finance", "Finance", .financeRead),
        ]
        // Settings is for everyone: each staff member sets up their own two-factor sign-in there.
        return all.filter { visit.may($0.3) }.map {
            ConsoleNavigation(href: $0.1, label: $0.2, current: $0.0 == current)
        } + [ConsoleNavigation(href: "/admin/settings", label: "Settings", current: current == .settings)]
    }
}
