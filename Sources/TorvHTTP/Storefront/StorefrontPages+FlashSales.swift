import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Promotions
import TorvCore

/// Flash-sale pages with the virtual waiting room: a signed-in shopper queues, waits their turn (the page
/// refreshes itself, no JavaScript needed), claims units while admitted, and finds them in the cart at
/// the sale price.
extension StorefrontPages {
    /// The queue token the waiting room handed out, as `<sale id>.<token>`: it is what a claim must show.
    static let queueCookie = "torv_queue"

    func registerFlashSales(on router: Router<TorvRequestContext>) {
        router.get("/flash/:sale_id") { request, context in
            await page(request, context) {
                try await flashSale(request, id: context.parameters.get("sale_id") ?? "")
            }
        }
        router.post("/flash/:sale_id/queue") { request, context in
            await post(request, context) { _ in
                try await queue(request, id: context.parameters.get("sale_id") ?? "")
            }
        }
        router.post("/flash/:sale_id/claim") { request, context in
            await post(request, context) { form in
                try await claim(request, id: context.parameters.get("sale_id") ?? "", form: form)
            }
        }
    }

    func flashSale(
        _ request: Request, id text: String, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let id = FlashSaleID(text) else { throw FlashSaleError.notFound }
        let showing = try await FlashSales.showing(id, on: platform)
        let shopper = await SignedInShopper.from(request, on: platform)
        var place: FlashSales.Place?
        if let shopper {
            // Not in the queue yet is no error: the page offers to join.
            place = try? await FlashSales.place(id, customerID: shopper.customerID, on: platform)
        }
        let view = FlashSaleView(
            showing, place: place, signedIn: shopper != nil, problem: problem, now: platform.clock.now(),
            settings: settings)
        return try await render(
            "shop-flash", title: showing.sale.title, view: view, request: request, status: status)
    }

    private func queue(_ request: Request, id text: String) async throws -> Response {
        guard let id = FlashSaleID(text) else { throw FlashSaleError.notFound }
        guard let shopper = await SignedInShopper.from(request, on: platform) else {
            return HTMLResponse.redirect(to: "/account/login?next=/flash/\(id.rawValue)")
        }
        let place = try await FlashSales.join(
            id, customerID: shopper.customerID, clientAddress: RequestInfo.clientAddress, on: platform)
        var cookies: [Cookie] = []
        if let token = place.ticket.token {
            cookies.append(
                PageCookies.session(
                    Self.queueCookie, value: id.rawValue + "." + token, path: "/flash", maxAge: 24 * 3600,
                    request: request))
        }
        return HTMLResponse.redirect(to: "/flash/\(id.rawValue)", cookies: cookies)
    }

    /// Takes units for the admitted shopper and puts them in their cart, where they are priced at the sale
    /// price while the claim holds.
    private func claim(_ request: Request, id text: String, form: FormData) async throws -> Response {
        guard let id = FlashSaleID(text) else { throw FlashSaleError.notFound }
        guard let shopper = await SignedInShopper.from(request, on: platform) else {
            return HTMLResponse.redirect(to: "/account/login?next=/flash/\(id.rawValue)")
        }
        guard let value = request.cookies[Self.queueCookie]?.value, value.hasPrefix(id.rawValue + ".") else {
            return try await flashSale(
                request, id: text, problem: "Join the queue first: your place in it is what lets you buy.",
                status: .conflict)
        }
        let quantity = try Self.quantity(form["quantity"], default: 1)
        let sale: FlashSale
        do {
            sale = try await FlashSales.claim(
                id, customerID: shopper.customerID, token: String(value.dropFirst(id.rawValue.count + 1)),
                quantity: quantity, on: platform
            ).sale
        } catch let error as any DomainError where error.kind != .notFound {
            return try await flashSale(request, id: text, problem: error.message, status: .conflict)
        }
        let cart = try await ShoppingCarts.create(
            channel: settings.channel, currency: settings.currency, customer: shopper.customerID, on: platform)
        let held = ShopperCart(id: cart.cart.id, access: .customer(shopper.customerID))
        if let existing = cart.cart.line(forVariant: sale.variantID) {
            _ = try await ShoppingCarts.setQuantity(
                existing.quantity + quantity, of: existing.id, in: held.id, access: held.access, on: platform)
        } else {
            _ = try await ShoppingCarts.addLine(
                variant: sale.variantID, quantity: quantity, to: held.id, access: held.access, on: platform)
        }
        return HTMLResponse.redirect(to: "/cart", cookies: [held.cookie(for: request)])
    }
}
