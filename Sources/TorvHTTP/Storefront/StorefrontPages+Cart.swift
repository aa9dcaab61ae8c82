import Checkout
import Flows
import Foundation
import Hummingbird
import TorvCore

extension StorefrontPages {
    func cart(_ request: Request) async throws -> Response {
        guard let held = await heldCart(request), let view = try? await openCart(held) else {
            let empty = CartPageView(emptyFor: settings)
            return try await render("shop-cart", title: "Your cart", view: empty, request: request)
        }
        return try await render(
            "shop-cart", title: "Your cart", view: CartPageView(view, settings: settings), request: request,
            cart: CartSummary(count: view.cart.itemCount))
    }

    /// Adds a variant (from the shop, or a seller's offer) to the shopper's cart, opening one first when
    /// the browser has none or its cart was checked out.
    func addToCart(_ request: Request, form: FormData) async throws -> Response {
        let quantity = try Self.quantity(form["quantity"], default: 1)
        let variant = form["variant_id"] ?? ""
        let offer = form["offer_id"].flatMap { $0.isEmpty ? nil : $0 }
        var cookies: [Cookie] = []
        let held: ShopperCart
        let shopper = await SignedInShopper.from(request, on: platform)
        if let existing = ShopperCart(request, customer: shopper?.customerID), (try? await openCart(existing)) != nil {
            held = existing
        } else {
            // A customer's open cart is found again (one per customer and channel); a guest gets a new one.
            let created = try await ShoppingCarts.create(
                channel: settings.channel, currency: settings.currency, customer: shopper?.customerID, on: platform)
            if let shopper {
                held = ShopperCart(id: created.cart.id, access: .customer(shopper.customerID))
            } else {
                guard let token = created.guestToken else { throw CheckoutError.cartNotFound }
                held = ShopperCart(id: created.cart.id, access: .guest(token: token))
            }
            cookies.append(held.cookie(for: request))
        }
        _ = try await ShoppingCarts.addLine(
            variant: variant, offer: offer, quantity: quantity, to: held.id, access: held.access, on: platform)
        return HTMLResponse.redirect(to: "/cart", cookies: cookies)
    }

    /// Sets a line's quantity; zero, or the remove button, takes the line out.
    func changeLine(_ request: Request, line: String, form: FormData) async throws -> Response {
        guard let held = await heldCart(request) else { throw CheckoutError.cartNotFound }
        guard let lineID = CartLineID(line) else { throw CheckoutError.lineNotFound }
        let quantity = form["remove"] != nil ? 0 : try Self.quantity(form["quantity"], default: 1)
        if quantity == 0 {
            _ = try await ShoppingCarts.removeLine(lineID, from: held.id, access: held.access, on: platform)
        } else {
            _ = try await ShoppingCarts.setQuantity(
                quantity, of: lineID, in: held.id, access: held.access, on: platform)
        }
        return HTMLResponse.redirect(to: "/cart")
    }

    /// The cart the browser holds, for the guest or the customer signed in.
    func heldCart(_ request: Request) async -> ShopperCart? {
        let shopper = await SignedInShopper.from(request, on: platform)
        return ShopperCart(request, customer: shopper?.customerID)
    }

    /// The cart behind the cookie while it is still open for changes; nil once it was checked out.
    func openCart(_ held: ShopperCart) async throws -> CartView? {
        let view = try await ShoppingCarts.view(held.id, access: held.access, on: platform)
        return view.cart.status == .open ? view : nil
    }

    static func quantity(_ text: String?, default fallback: Int) throws -> Int {
        guard let text, !text.isEmpty else { return fallback }
        guard let quantity = Int(text), quantity >= 0 else {
            throw ValidationError([
                FieldError(pointer: "/quantity", message: "must be a whole number of items", code: "invalid_quantity")
            ])
        }
        return quantity
    }
}

extension CartPageView {
    init(emptyFor settings: ShopSettings) {
        self.init(lines: [], totals: nil, promotions: [], empty: true, checkoutReady: false, cartProblems: [])
    }
}
