import Flows
import Foundation
import Hummingbird
import Orders
import Persistence
import TorvCore

extension StorefrontPages {
    /// The order page: straight to the order when this browser placed it, else a lookup form that asks
    /// for the e-mail address it was placed with — never a hint whether the number exists.
    func order(_ request: Request, number: String) async throws -> Response {
        // A signed-in customer opens their own orders; anyone else's number is the lookup form.
        if let shopper = await SignedInShopper.from(request, on: platform),
            let found = try? await platform.database.read({ db in
                try await platform.orders.order(number: number, on: db)
            }),
            found.customerID == shopper.customerID,
            let details = try? await OrderDetails.load(found.id, ofCustomer: shopper.customerID, on: platform)
        {
            return try await render(
                "shop-order", title: "Order \(number)",
                view: OrderPageView(details, settings: settings, canReturn: true), request: request)
        }
        if let receipt = OrderReceipt(request), receipt.number == number,
            let details = try? await OrderDetails.lookUp(number: number, email: receipt.email, on: platform)
        {
            return try await render(
                "shop-order", title: "Order \(number)", view: OrderPageView(details, settings: settings),
                request: request)
        }
        return try await render(
            "shop-order-lookup", title: "Find your order",
            view: OrderLookupView(lookupNumber: number, lookupEmail: "", notFound: false), request: request)
    }

    /// A signed-in customer sends lines of their own order back, with a reason, as the API's return
    /// request does; staff approve it in the back office.
    func requestReturn(_ request: Request, number: String, form: FormData) async throws -> Response {
        guard let shopper = await SignedInShopper.from(request, on: platform) else {
            return HTMLResponse.redirect(to: "/account/login?next=/orders/\(number)")
        }
        let reason = form["reason"] ?? ""
        var lines: [(lineID: OrderLineID, quantity: Int, reason: String)] = []
        for field in form.fields where field.name.hasPrefix("quantity_") {
            guard let id = OrderLineID(String(field.name.dropFirst("quantity_".count))),
                let quantity = Int(field.value),
                quantity > 0
            else { continue }
            lines.append((id, quantity, reason))
        }
        let orders = platform.orders
        let requested = lines
        do {
            guard !requested.isEmpty else {
                throw ValidationError([
                    FieldError(pointer: "/lines", message: "choose at least one item to return", code: "required")
                ])
            }
            _ = try await platform.database.inTransaction { db in
                let order = try await orders.order(number: number, on: db)
                guard order.customerID == shopper.customerID else { throw OrdersError.orderNotFound }
                return try await orders.requestReturn(
                    order.id, lines: requested, by: .customer(shopper.customerID), on: db)
            }
        } catch let error as ValidationError {
            return try await render(
                "shop-message", title: "Return not sent",
                view: MessageView(
                    heading: "The return could not be sent",
                    message: error.fieldErrors.map { "\($0.message)." }.joined(separator: " ")),
                request: request, status: .unprocessableContent)
        }
        return HTMLResponse.redirect(to: "/orders/\(number)#returns")
    }

    func lookUpOrder(_ request: Request, form: FormData) async throws -> Response {
        let number = form["number"] ?? ""
        let email = form["email"] ?? ""
        do {
            let details = try await OrderDetails.lookUp(number: number, email: email, on: platform)
            let receipt = OrderReceipt(number: details.order.number, email: details.order.email)
            return HTMLResponse.redirect(
                to: "/orders/\(details.order.number)", cookies: [receipt.cookie(for: request)])
        } catch OrdersError.orderNotFound {
            return try await render(
                "shop-order-lookup", title: "Find your order",
                view: OrderLookupView(lookupNumber: number, lookupEmail: email, notFound: true), request: request,
                status: .notFound)
        }
    }
}
