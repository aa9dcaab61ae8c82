import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Orders
import Payments
import Persistence
import TorvCore

extension StorefrontPages {
    func checkout(_ request: Request) async throws -> Response {
        let (held, view) = try await checkoutCart(request)
        return try await checkoutPage(request, held: held, view: view)
    }

    func saveAddress(_ request: Request, form: FormData) async throws -> Response {
        let (held, view) = try await checkoutCart(request)
        let typed = AddressForm(form: form)
        do {
            _ = try await ShoppingCarts.setContact(
                email: typed.email, phone: nil, in: held.id, access: held.access, on: platform)
            _ = try await ShoppingCarts.setAddresses(
                shipping: typed.shippingAddress, billing: nil, in: held.id, access: held.access, on: platform)
        } catch let error as ValidationError {
            return try await checkoutPage(
                request, held: held, view: view, typed: typed, errors: error.fieldErrors, status: .unprocessableContent)
        }
        return HTMLResponse.redirect(to: "/checkout#delivery")
    }

    func saveDelivery(_ request: Request, form: FormData) async throws -> Response {
        let (held, view) = try await checkoutCart(request)
        let chosen = form["delivery"] ?? ""
        let choice: DeliveryChoice? =
            if chosen.hasPrefix("ship:"), let id = ShippingMethodID(String(chosen.dropFirst(5))) {
                .shipping(id)
            } else if chosen.hasPrefix("pickup:") {
                .pickup(locationID: String(chosen.dropFirst(7)))
            } else { nil }
        guard let choice else {
            return try await checkoutPage(
                request, held: held, view: view,
                errors: [FieldError(pointer: "/delivery", message: "needs a choice", code: "required")],
                status: .unprocessableContent)
        }
        do {
            _ = try await ShoppingCarts.setDelivery(choice, in: held.id, access: held.access, on: platform)
        } catch let error as ValidationError {
            return try await checkoutPage(
                request, held: held, view: view, errors: error.fieldErrors, status: .unprocessableContent)
        }
        return HTMLResponse.redirect(to: "/checkout#payment")
    }

    /// Places the order and pays by card with the checkout key the page was rendered with, so a double
    /// click or a reload after a lost answer places one order, not two: the second post replays the first
    /// order even though the cart is closed by then.
    func pay(_ request: Request, form: FormData, logger: Logger) async throws -> Response {
        guard let held = await heldCart(request) else { throw CheckoutPageError.emptyCart }
        let key = form["checkout_key"] ?? ""
        let card = (form["card_number"] ?? "").filter { !$0.isWhitespace }
        guard !key.isEmpty, !card.isEmpty else {
            let (held, view) = try await checkoutCart(request)
            return try await checkoutPage(
                request, held: held, view: view,
                errors: [FieldError(pointer: "/card/number", message: "is required to pay by card", code: "required")],
                status: .unprocessableContent)
        }
        let outcome: CheckoutOutcome
        do {
            outcome = try await OrderPlacement.checkOut(
                held.id, access: held.access, key: key, payment: .card(number: card), on: platform)
        } catch let error as any DomainError {
            // The cart stays open after a refusal (not ready, out of stock, the form sent twice after an
            // answer): show the checkout again with why.
            guard let (held, view) = try? await checkoutCart(request) else { throw error }
            let conflict = error.kind == .conflict
            return try await checkoutPage(
                request, held: held, view: view, errors: error.fieldErrors,
                paymentProblem: conflict
                    ? "This payment form was already used. Check your order below and pay again."
                    : error.fieldErrors.isEmpty ? error.message : nil,
                status: conflict ? .conflict : .unprocessableContent)
        }
        let order = outcome.order
        switch outcome.payment?.status {
        case .failed?:
            // The order was cancelled and the cart reopened: the shopper may try another card.
            let reason = outcome.payment?.failureReason?.rawValue.replacingOccurrences(of: "_", with: " ")
            let reopened = try await ShoppingCarts.view(held.id, access: held.access, on: platform)
            return try await checkoutPage(
                request, held: held, view: reopened,
                paymentProblem:
                    "The card was not accepted (\(reason ?? "declined")). Nothing was charged; try another card.",
                status: HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"))
        case .requiresAction?:
            if case .challenge(let url)? = outcome.payment?.nextAction {
                return HTMLResponse.redirect(to: url, cookies: receipt(order.number, order.email, request: request))
            }
        default:
            break
        }
        logger.info("storefront order placed", metadata: ["order": .string(order.number)])
        return HTMLResponse.redirect(
            to: "/orders/\(order.number)",
            cookies: receipt(order.number, order.email, request: request)
                + [PageCookies.expired(ShopperCart.cookieName, path: "/", request: request)])
    }

    /// The shopper's cart for checkout; an empty or missing cart sends them back to the cart page.
    private func checkoutCart(_ request: Request) async throws -> (ShopperCart, CartView) {
        guard let held = await heldCart(request), let view = try await openCart(held), !view.lines.isEmpty else {
            throw CheckoutPageError.emptyCart
        }
        return (held, view)
    }

    private func checkoutPage(
        _ request: Request, held: ShopperCart, view: CartView, typed: AddressForm? = nil,
        errors: [FieldError] = [], paymentProblem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let options = try await ShoppingCarts.deliveryOptions(held.id, access: held.access, on: platform)
        let checkout = platform.checkout
        let zones = try await platform.database.read { db in try await checkout.shippingZones(on: db) }
        let address = typed ?? AddressForm(cart: view.cart)
        let addressSaved = view.cart.email != nil && view.cart.shippingAddress != nil
        let deliveryOptions = DeliveryOptionView.options(
            shipping: options.shipping, pickup: options.pickup, chosen: view.cart.delivery, settings: settings)
        let page = CheckoutView(
            summary: CartPageView(view, settings: settings), address: address,
            countries: CountryChoice.list(
                Set(zones.flatMap(\.countries)), selected: address.country, locale: settings.locale),
            addressSaved: addressSaved, deliveryOptions: deliveryOptions,
            noDeliveryOptions: addressSaved && deliveryOptions.isEmpty, deliveryChosen: view.cart.delivery != nil,
            readyToPay: view.isReadyForCheckout, checkoutKey: FormGuard.randomToken(),
            errors: errors.map(FieldMessage.init), paymentProblem: paymentProblem,
            stillNeeded: addressSaved ? view.missing.map { FieldMessage($0).message } : [])
        return try await render(
            "shop-checkout", title: "Checkout", view: page, request: request, status: status,
            cart: CartSummary(count: view.cart.itemCount))
    }

    /// Lets this browser open the order page it was just sent to, without an account or a search.
    private func receipt(_ number: String, _ email: String, request: Request) -> [Cookie] {
        [OrderReceipt(number: number, email: email).cookie(for: request)]
    }
}

enum CheckoutPageError: DomainError {
    case emptyCart

    var code: String { "cart_empty" }
    var kind: ErrorKind { .unprocessable }
    var message: String { "Your cart is empty: add something to it before checking out." }
}
