import Flows
import Foundation
import Identity
import OpenAPIRuntime
import Orders
import Persistence
import TorvAPI
import TorvCore

/// After the sale: a customer's own cancellation and returns, a guest's order lookup, and exchanges and
/// the returns queue for staff.
extension APIHandlers {
    func cancelMyOrder(_ input: Operations.CancelMyOrder.Input) async throws -> Operations.CancelMyOrder.Output {
        let customer = try Caller.customer().rawValue
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        var reason = "Cancelled by the customer"
        if case .json(let body)? = input.body, let given = body.reason,
            !given.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            reason = given
        }
        _ = try await AfterSale.cancel(id, ofCustomer: customer, reason: reason, on: platform)
        return .ok(.init(body: .json(.init(try await OrderDetails.load(id, ofCustomer: customer, on: platform)))))
    }

    func lookUpOrder(_ input: Operations.LookUpOrder.Input) async throws -> Operations.LookUpOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let details = try await OrderDetails.lookUp(number: body.orderNumber, email: body.email, on: platform)
        return .ok(.init(body: .json(.init(details))))
    }

    func listMyReturns(_ input: Operations.ListMyReturns.Input) async throws -> Operations.ListMyReturns.Output {
        let customer = try Caller.customer().rawValue
        let page = try await returnsPage(
            ReturnQuery(customerID: customer), limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func listReturns(_ input: Operations.ListReturns.Input) async throws -> Operations.ListReturns.Output {
        let query = ReturnQuery(status: input.query.status.flatMap { ReturnStatus(rawValue: $0.rawValue) })
        let page = try await returnsPage(query, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func exchangeReturn(_ input: Operations.ExchangeReturn.Input) async throws -> Operations.ExchangeReturn.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.returnId, as: ReturnID.self, notFound: OrdersError.returnNotFound)
        let lines = body.lines.map { ExchangeLine(variantID: $0.variantId, quantity: $0.quantity) }
        let outcome = try await Exchanges.exchange(id, for: lines, by: try actor(), on: platform)
        return .created(.init(body: .json(.init(try await OrderDetails.load(outcome.order.id, on: platform)))))
    }

    private func returnsPage(
        _ query: ReturnQuery, limit requested: Int?, after cursor: String?
    ) async throws -> Components.Schemas.ReturnPage {
        let limit = try Paging.limit(requested)
        let after = try Paging.cursor(cursor, as: ReturnID.self)
        let orders = platform.orders
        let fetched = try await platform.database.read { db in
            try await orders.returns(matching: query, after: after, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .init(items: page.items.map(Components.Schemas.Return.init), next: page.next)
    }
}
