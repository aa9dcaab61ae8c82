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
                "shop-order", title: "Order \(number)", view: OrderPageView(details, settings: settings),
                request: request)
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
