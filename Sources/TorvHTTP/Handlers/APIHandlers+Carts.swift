import Checkout
import Flows
import Foundation
import Identity
import Inventory
import Payments
import TorvAPI
import TorvCore

extension APIHandlers {
    /// Who is asking for a cart: a guest's token wins (a signed-in shopper may still hold the guest cart
    /// they filled before signing in); otherwise the signed-in customer. Anyone else finds no cart.
    func cartAccess(token: String?) throws -> CartAccess {
        if let token, !token.isEmpty { return .guest(token: token) }
        if let customer = Caller.principal?.customerID { return .customer(customer.rawValue) }
        throw CheckoutError.cartNotFound
    }

    func createCart(_ input: Operations.CreateCart.Input) async throws -> Operations.CreateCart.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let currency = try Self.currency(body.currency, at: "/currency")
        let view = try await ShoppingCarts.create(
            channel: body.channel ?? "web", currency: currency, customer: Caller.principal?.customerID?.rawValue,
            on: platform)
        return .created(.init(body: .json(.init(view))))
    }

    func getCart(_ input: Operations.GetCart.Input) async throws -> Operations.GetCart.Output {
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await ShoppingCarts.view(id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func addCartLine(_ input: Operations.AddCartLine.Input) async throws -> Operations.AddCartLine.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await ShoppingCarts.addLine(
            variant: body.variantId, offer: body.offerId, quantity: body.quantity, to: id,
            access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func setCartLineQuantity(
        _ input: Operations.SetCartLineQuantity.Input
    ) async throws -> Operations.SetCartLineQuantity.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let line = try pathID(input.path.lineId, as: CartLineID.self, notFound: CheckoutError.lineNotFound)
        let view = try await ShoppingCarts.setQuantity(
            body.quantity, of: line, in: id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func removeCartLine(_ input: Operations.RemoveCartLine.Input) async throws -> Operations.RemoveCartLine.Output {
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let line = try pathID(input.path.lineId, as: CartLineID.self, notFound: CheckoutError.lineNotFound)
        let view = try await ShoppingCarts.removeLine(
            line, from: id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func setCartContact(_ input: Operations.SetCartContact.Input) async throws -> Operations.SetCartContact.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await ShoppingCarts.setContact(
            email: body.email, phone: body.phone, in: id, access: cartAccess(token: input.headers.xCartToken),
            on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func setCartAddresses(
        _ input: Operations.SetCartAddresses.Input
    ) async throws -> Operations.SetCartAddresses.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await ShoppingCarts.setAddresses(
            shipping: Address(body.shipping), billing: body.billing.map(Address.init), in: id,
            access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func listDeliveryOptions(
        _ input: Operations.ListDeliveryOptions.Input
    ) async throws -> Operations.ListDeliveryOptions.Output {
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let options = try await ShoppingCarts.deliveryOptions(
            id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(
            .init(
                body: .json(
                    .init(
                        shipping: options.shipping.map {
                            .init(
                                methodId: $0.methodID.rawValue, name: $0.name, carrier: $0.carrier,
                                price: .init($0.price), deliveryDaysMin: $0.estimate?.minimumDays,
                                deliveryDaysMax: $0.estimate?.maximumDays)
                        },
                        pickup: options.pickup.map {
                            .init(locationId: $0.id.rawValue, name: $0.name, address: .init($0.address))
                        }))))
    }

    func setCartDelivery(_ input: Operations.SetCartDelivery.Input) async throws -> Operations.SetCartDelivery.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let choice: DeliveryChoice
        switch (body.methodId, body.pickupLocationId) {
        case (let method?, nil):
            guard let methodID = ShippingMethodID(method) else {
                throw ValidationError([
                    FieldError(pointer: "/method_id", message: "is not a shipping method ID", code: "invalid_id")
                ])
            }
            choice = .shipping(methodID)
        case (nil, let location?):
            choice = .pickup(locationID: location)
        default:
            throw ValidationError([
                FieldError(
                    pointer: "/method_id", message: "give exactly one of method_id and pickup_location_id",
                    code: "one_required")
            ])
        }
        let view = try await ShoppingCarts.setDelivery(
            choice, in: id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func mergeCart(_ input: Operations.MergeCart.Input) async throws -> Operations.MergeCart.Output {
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        guard let token = input.headers.xCartToken, !token.isEmpty else { throw CheckoutError.cartNotFound }
        let view = try await ShoppingCarts.merge(
            guest: id, token: token, into: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func checkOut(_ input: Operations.CheckOut.Input) async throws -> Operations.CheckOut.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let payment: CheckoutPayment
        switch body.paymentMethod {
        case .card:
            guard let card = body.card else {
                throw ValidationError([
                    FieldError(pointer: "/card", message: "is required to pay by card", code: "required")
                ])
            }
            payment = .card(number: card.number.filter { $0 != " " })
        case .invoice:
            payment = .invoice
        case .giftCard:
            payment = .giftCardsOnly
        }
        let outcome = try await OrderPlacement.checkOut(
            id, access: cartAccess(token: input.headers.xCartToken), key: input.headers.idempotencyKey,
            payment: payment, giftCards: body.giftCards ?? [], on: platform)
        let payments = outcome.payment.map { [$0] } ?? []
        let result = Components.Schemas.CheckoutResult(
            order: .init(outcome.order, payments: payments), payment: outcome.payment.map { .init($0) })
        switch outcome.payment?.status {
        case .failed?:
            // The order was cancelled and the cart reopened; the shopper tries another card with a new key.
            throw PaymentError.forDecline(outcome.payment?.failureReason ?? DeclineReason(rawValue: "card_declined"))
        case .requiresAction?, .unknown?, .pending?: return .accepted(.init(body: .json(result)))
        default: return .created(.init(body: .json(result)))
        }
    }
}
