import Flows
import Foundation
import Hummingbird
import Orders
import TorvCore

extension StorefrontPages {
    /// The order page: straight to the order when this browser placed it, else a lookup form that asks
    /// for the e-mail address it was placed with — never a hint whether the number exists.
    func order(_ request: Request, number: String) async throws -> Response {
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
