import Flows
import Foundation
import Hummingbird
import Identity
import Orders
import Persistence
import TorvCore

/// The returns queue, as the API's `listReturns` reads it and with its permission; each return is
/// handled on its order's page.
extension ConsolePages {
    func registerReturns(on router: Router<TorvRequestContext>) {
        router.get("/admin/returns") { request, context in
            await page(request, context, permission: .ordersRead) { visit in
                try await returnQueue(request, visit: visit)
            }
        }
    }

    static let returnsPageSize = 25

    private func returnQueue(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        // An unknown state shows every return: it comes from an old link, not from typing.
        let status = query["status"].flatMap(ReturnStatus.init(rawValue:))
        let after = query["after"].flatMap(ReturnID.init)
        let (orders, limit) = (platform.orders, Self.returnsPageSize)
        let (fetched, byID) = try await platform.database.read { db in
            let fetched = try await orders.returns(
                matching: ReturnQuery(status: status), after: after, limit: limit + 1, on: db)
            var byID: [OrderID: Order] = [:]
            for id in Set(fetched.prefix(limit).map(\.orderID)) { byID[id] = try await orders.order(id, on: db) }
            return (fetched, byID)
        }
        let shown = Array(fetched.prefix(limit))
        let view = ReturnQueueView(
            status: status, returns: shown, orders: byID, next: fetched.count > limit ? shown.last?.id : nil,
            settings: settings)
        return try render(
            "console-returns", title: "Returns", section: .orders, view: view, visit: visit, request: request)
    }
}
