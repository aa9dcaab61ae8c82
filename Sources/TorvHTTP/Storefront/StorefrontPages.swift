import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TorvCore

/// The demo storefront at `/`: server-rendered pages over the same flows the public storefront API
/// calls (``Storefront``, ``ShoppingCarts``, ``OrderPlacement``, ``OrderDetails``), so it is also a worked
/// example for anyone building their own front end. Every page works without JavaScript; every form
/// carries the ``FormGuard`` token.
struct StorefrontPages: Sendable {
    let platform: Platform
    let templates: PageTemplates
    let settings: ShopSettings
    let formGuard = FormGuard()

    func register(on router: Router<TorvRequestContext>) {
        let assets = templates.assets
        router.get("/assets/:file") { _, context in
            guard let file = context.parameters.get("file"), let asset = assets[file] else {
                return Response(status: .notFound)
            }
            return HTMLResponse.asset(asset)
        }
        router.get("/") { request, context in await page(request, context) { try await home(request) } }
        router.get("/products") { request, context in await page(request, context) { try await listing(request) } }
        router.get("/products/:slug") { request, context in
            await page(request, context) { try await product(request, slug: context.parameters.get("slug") ?? "") }
        }
        router.get("/cart") { request, context in await page(request, context) { try await cart(request) } }
        router.post("/cart/lines") { request, context in
            await post(request, context) { form in try await addToCart(request, form: form) }
        }
        router.post("/cart/lines/:line") { request, context in
            await post(request, context) { form in
                try await changeLine(request, line: context.parameters.get("line") ?? "", form: form)
            }
        }
        router.get("/checkout") { request, context in await page(request, context) { try await checkout(request) } }
        router.post("/checkout/address") { request, context in
            await post(request, context) { form in try await saveAddress(request, form: form) }
        }
        router.post("/checkout/delivery") { request, context in
            await post(request, context) { form in try await saveDelivery(request, form: form) }
        }
        router.post("/checkout/payment") { request, context in
            await post(request, context) { form in try await pay(request, form: form, logger: context.logger) }
        }
        registerAccount(on: router)
        registerGroupDeals(on: router)
        registerFlashSales(on: router)
        router.get("/orders/:number") { request, context in
            await page(request, context) { try await order(request, number: context.parameters.get("number") ?? "") }
        }
        router.post("/orders/:number/returns") { request, context in
            await post(request, context) { form in
                try await requestReturn(request, number: context.parameters.get("number") ?? "", form: form)
            }
        }
        router.post("/orders/lookup") { request, context in
            await post(request, context) { form in try await lookUpOrder(request, form: form) }
        }
    }

    // MARK: - Rendering

    /// Renders a page in the shop's layout, with the form token and the cart's item count.
    func render(
        _ template: String, title: String, view: Any, request: Request, status: HTTPResponse.Status = .ok,
        cookies: [Cookie] = [], cart: CartSummary? = nil
    ) async throws -> Response {
        let (token, tokenCookie) = formGuard.token(for: request)
        let shopper = await SignedInShopper.from(request, on: platform)
        let summary: CartSummary
        if let cart {
            summary = cart
        } else {
            summary = await cartSummary(request, customer: shopper?.customerID)
        }
        let frame = ShopFrame(
            title: title, shopName: settings.shopName, formToken: token, cartCount: summary.count,
            shopperName: shopper?.name,
            searchText: FormData(urlEncoded: request.uri.query ?? "")["q"] ?? "", page: view)
        return HTMLResponse.page(
            try templates.render(frame, template), status: status, cookies: cookies + [tokenCookie].compactMap { $0 })
    }

    /// The item count for the header; a missing or stale cart counts as empty.
    func cartSummary(_ request: Request, customer: String?) async -> CartSummary {
        guard let held = ShopperCart(request, customer: customer),
            let view = try? await ShoppingCarts.view(held.id, access: held.access, on: platform),
            view.cart.status == .open
        else { return CartSummary(count: 0) }
        return CartSummary(count: view.cart.itemCount)
    }

    /// A GET page: a domain refusal becomes a readable page with the right status, never a stack trace.
    func page(
        _ request: Request, _ context: TorvRequestContext, _ body: () async throws -> Response
    ) async -> Response {
        do {
            return try await body()
        } catch {
            return await failure(error, request: request, context: context)
        }
    }

    /// A form post: refused outright unless it came from one of our own pages (``FormGuard``).
    func post(
        _ request: Request, _ context: TorvRequestContext, _ body: (FormData) async throws -> Response
    ) async -> Response {
        do {
            let bytes = try await request.body.collect(upTo: 64 * 1024)
            let form = FormData(urlEncoded: String(buffer: bytes))
            if let refusal = formGuard.refusal(of: request, form: form) {
                context.logger.notice("form refused", metadata: ["reason": .string(refusal)])
                return try await render(
                    "shop-message", title: "Form refused",
                    view: MessageView(
                        heading: "This form could not be accepted",
                        message:
                            "For your safety the shop refused it: \(refusal). Go back, reload the page and try again."
                    ), request: request, status: .forbidden)
            }
            return try await body(form)
        } catch {
            return await failure(error, request: request, context: context)
        }
    }

    private func failure(_ error: any Error, request: Request, context: TorvRequestContext) async -> Response {
        let problem: Problem =
            switch error {
            case let domain as any DomainError: Problem(domain)
            case let problem as Problem: problem
            default: .internal(requestID: RequestInfo.requestID)
            }
        if problem.status.code >= 500 {
            context.logger.error("page failed", metadata: ["error": .string(String(describing: error))])
        }
        let view = MessageView(
            heading: problem.status == .notFound ? "Not found" : problem.title,
            message: problem.status == .notFound
                ? "There is nothing here. It may have been sold out, renamed or taken down." : problem.detail)
        do {
            return try await render(
                "shop-message", title: view.heading, view: view, request: request, status: problem.status)
        } catch {
            return HTMLResponse.page(
                "<!doctype html><title>Error</title><p>Something went wrong.</p>", status: .internalServerError)
        }
    }
}

/// What the layout shows around every page.
struct ShopFrame {
    let title: String
    let shopName: String
    let formToken: String
    let cartCount: Int
    /// The signed-in customer's name; nil for a guest.
    let shopperName: String?
    let searchText: String
    let page: Any
}

struct CartSummary {
    let count: Int
}

/// A page that only says something: a refusal, an error, a confirmation.
struct MessageView {
    let heading: String
    let message: String
}
