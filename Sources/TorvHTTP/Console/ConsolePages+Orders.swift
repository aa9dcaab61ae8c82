import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Inventory
import Orders
import Persistence
import TorvCore

/// The back office's orders: a searchable list and one page per order, where staff fulfil, cancel,
/// refund and handle returns through the same flows the admin API calls.
extension ConsolePages {
    func registerOrders(on router: Router<TorvRequestContext>) {
        let read = ConsoleOrderAction.readPermission
        router.get("/admin/orders") { request, context in
            await page(request, context, permission: read) { visit in try await orderList(request, visit: visit) }
        }
        router.get("/admin/orders/:order_id") { request, context in
            await page(request, context, permission: read) { visit in
                try await orderPage(request, orderID: context.parameters.get("order_id") ?? "", visit: visit)
            }
        }
        let forms: [(String, ConsoleOrderAction)] = [
            ("notes", ConsoleOrderAction.note), ("fulfilments", .fulfil),
            ("fulfilments/:fulfilment_id/:step", .fulfilmentStep), ("cancel", .cancel), ("refunds", .refund),
            ("returns/:return_id/:step", .returnStep),
        ]
        for (path, action) in forms {
            router.post(RouterPath("/admin/orders/:order_id/" + path)) { request, context in
                await post(request, context, permission: action.permission) { visit, form in
                    try await orderForm(action, request: request, context: context, visit: visit, form: form)
                }
            }
        }
        registerReturns(on: router)
    }

    func orderList(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = ConsoleOrderListQuery(query: request.uri.query)
        let orders = platform.orders
        let fetched = try await platform.database.read { db in
            try await orders.orders(matching: query.filter, after: query.after, limit: query.limit + 1, on: db)
        }
        // One order more than the page says whether an older page exists, without a count.
        let shown = Array(fetched.prefix(query.limit))
        let next = fetched.count > query.limit ? shown.last?.id : nil
        return try render(
            "console-orders", title: "Orders", section: .orders,
            view: ConsoleOrderListView(shown, next: next, query: query, settings: settings), visit: visit,
            request: request)
    }

    func orderPage(_ request: Request, orderID text: String, visit: StaffVisit) async throws -> Response {
        let id = try pathID(text, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let notice = FormData(urlEncoded: request.uri.query ?? "")["done"].flatMap(ConsoleOrderNotice.init(rawValue:))
        return try await renderOrder(
            try await OrderDetails.load(id, on: platform), notice: notice, visit: visit, request: request)
    }

    /// The order page, with only the forms this staff member may use.
    func renderOrder(
        _ details: OrderDetails, notice: ConsoleOrderNotice? = nil, failure: ConsoleOrderFormFailure? = nil,
        pickupCode: String? = nil, visit: StaffVisit, request: Request, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let allowed = Set(ConsoleOrderAction.allCases.filter { visit.may($0.permission) })
        // Where restocked units go is asked only while a received return waits for its inspection.
        let inspecting =
            allowed.contains(.returnStep)
            && details.returns.contains { ReturnStateMachine.canMove(from: $0.status, to: .inspected) }
        let inventory = platform.inventory
        let locations =
            inspecting ? try await platform.database.read { db in try await inventory.locations(on: db) } : []
        let view = ConsoleOrderView(
            details, settings: settings, allowed: allowed, staffNames: try await staffNames(in: details.timeline),
            notice: notice, failure: failure, pickupCode: pickupCode, restockLocations: locations)
        return try render(
            "console-order", title: "Order \(details.order.number)", section: .orders, view: view, visit: visit,
            request: request, status: status)
    }

    /// The names of the staff members on the timeline, by ID: people recognise names, not `stf_…`.
    private func staffNames(in timeline: [OrderTimelineEntry]) async throws -> [String: String] {
        let ids = Set(timeline.filter { $0.actor.kind == "staff" }.compactMap { StaffUserID($0.actor.id) })
        guard !ids.isEmpty else { return [:] }
        let identity = platform.identity
        return try await platform.database.read { db in
            var names: [String: String] = [:]
            for id in ids {
                names[id.rawValue] = try? await identity.staffUser(id, on: db).name
            }
            return names
        }
    }
}
