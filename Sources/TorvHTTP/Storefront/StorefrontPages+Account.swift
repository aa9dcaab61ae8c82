import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Orders
import Persistence
import TorvCore

/// Customer accounts on the storefront: register, sign in (the guest cart comes along), the account
/// page with the customer's orders, and sign out.
extension StorefrontPages {
    func registerAccount(on router: Router<TorvRequestContext>) {
        router.get("/account/login") { request, context in
            await page(request, context) {
                try await render("shop-sign-in", title: "Sign in", view: SignInView(request), request: request)
            }
        }
        router.post("/account/login") { request, context in
            await post(request, context) { form in try await signIn(request, form: form) }
        }
        router.post("/account/register") { request, context in
            await post(request, context) { form in try await register(request, form: form) }
        }
        router.post("/account/logout") { request, context in
            await post(request, context) { _ in try await signOut(request) }
        }
        router.get("/account") { request, context in
            await page(request, context) { try await account(request) }
        }
    }

    private func signIn(_ request: Request, form: FormData) async throws -> Response {
        let email = form["email"] ?? ""
        let password = form.fields.first { $0.name == "password" }?.value ?? ""
        do {
            let (session, account) = try await platform.identity.loginCustomer(
                email: email, password: password, in: platform.database)
            return try await signedIn(request, session: session, customerID: account.id.rawValue, next: form["next"])
        } catch IdentityError.invalidCredentials {
            return try await render(
                "shop-sign-in", title: "Sign in",
                view: SignInView(request, email: email, problem: "The e-mail address or the password is wrong."),
                request: request, status: .unauthorized)
        } catch let error as IdentityError where error.retryAfterSeconds != nil {
            return try await render(
                "shop-sign-in", title: "Sign in", view: SignInView(request, email: email, problem: error.message),
                request: request, status: .tooManyRequests)
        }
    }

    /// Registers and signs in. Whether the address was free is never shown: a taken address with another
    /// password gets the same neutral answer as the API gives.
    private func register(_ request: Request, form: FormData) async throws -> Response {
        let email = form["email"] ?? ""
        let password = form.fields.first { $0.name == "password" }?.value ?? ""
        do {
            _ = try await platform.identity.registerCustomer(
                email: email, password: password, name: form["name"] ?? "", requestID: RequestInfo.requestID,
                in: platform.database)
        } catch let error as ValidationError {
            return try await render(
                "shop-sign-in", title: "Create an account",
                view: SignInView(
                    request, registering: true, email: email, name: form["name"] ?? "",
                    fieldProblems: error.fieldErrors.map(FieldMessage.init)),
                request: request, status: .unprocessableContent)
        }
        guard
            let (session, account) = try? await platform.identity.loginCustomer(
                email: email, password: password, in: platform.database)
        else {
            return try await render(
                "shop-sign-in", title: "Sign in",
                view: SignInView(
                    request, email: email,
                    problem: "If this address can be registered, its account is ready: sign in with it."),
                request: request)
        }
        return try await signedIn(request, session: session, customerID: account.id.rawValue, next: form["next"])
    }

    /// Sets the session cookie and brings the guest cart along (merge on sign-in).
    private func signedIn(
        _ request: Request, session: IssuedSession, customerID: String, next: String?
    ) async throws -> Response {
        var cookies = [SignedInShopper.cookie(session, now: platform.clock.now(), request: request)]
        if let guest = ShopperCart(request, customer: nil), case .guest(let token) = guest.access,
            let merged = try? await ShoppingCarts.merge(guest: guest.id, token: token, into: customerID, on: platform)
        {
            cookies.append(ShopperCart(id: merged.cart.id, access: .customer(customerID)).cookie(for: request))
        } else {
            // Find the customer's open cart (or open one), so the header counts what they left in it.
            let cart = try await ShoppingCarts.create(
                channel: settings.channel, currency: settings.currency, customer: customerID, on: platform)
            cookies.append(ShopperCart(id: cart.cart.id, access: .customer(customerID)).cookie(for: request))
        }
        return HTMLResponse.redirect(to: LocalRedirect.path(next) ?? "/account", cookies: cookies)
    }

    private func signOut(_ request: Request) async throws -> Response {
        if let shopper = await SignedInShopper.from(request, on: platform), let session = shopper.sessionID {
            let identity = platform.identity
            try await platform.database.inTransaction { db in try await identity.endSession(session, on: db) }
        }
        return HTMLResponse.redirect(
            to: "/",
            cookies: [
                PageCookies.expired(SignedInShopper.cookieName, path: "/", request: request),
                PageCookies.expired(ShopperCart.cookieName, path: "/", request: request),
            ])
    }

    private func account(_ request: Request) async throws -> Response {
        guard let shopper = await SignedInShopper.from(request, on: platform) else {
            return HTMLResponse.redirect(to: "/account/login?next=/account")
        }
        let orders = platform.orders
        let placed = try await platform.database.read { db in
            try await orders.orders(ofCustomer: shopper.customerID, limit: 50, on: db)
        }
        let view = AccountView(
            accountName: shopper.name, accountEmail: shopper.email,
            orders: placed.map {
                AccountOrderRow(
                    orderNumber: $0.number, orderPlaced: settings.date($0.placedAt),
                    orderStatus: OrderPageView.status($0.status), orderTotal: settings.money($0.totals.grandTotal),
                    hasReturns: $0.lines.contains { $0.returnRequestedQuantity > 0 })
            })
        return try await render("shop-account", title: "Your account", view: view, request: request)
    }
}

struct SignInView {
    let next: String
    let registering: Bool
    let signInEmail: String
    let registerName: String
    let signInProblem: String?
    let fieldProblems: [FieldMessage]

    init(
        _ request: Request, registering: Bool = false, email: String = "", name: String = "", problem: String? = nil,
        fieldProblems: [FieldMessage] = []
    ) {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        next = LocalRedirect.path(query["next"]) ?? ""
        self.registering = registering
        signInEmail = email
        registerName = name
        signInProblem = problem
        self.fieldProblems = fieldProblems
    }
}

struct AccountView {
    let accountName: String
    let accountEmail: String
    let orders: [AccountOrderRow]
}

struct AccountOrderRow {
    let orderNumber: String
    let orderPlaced: String
    let orderStatus: String
    let orderTotal: String
    let hasReturns: Bool
}
