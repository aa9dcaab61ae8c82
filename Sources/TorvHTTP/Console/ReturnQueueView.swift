import Foundation
import Orders
import TorvCore

/// The returns waiting for staff, newest first: what came back on which order, and where each return
/// stands, so the returns desk works through the queue instead of opening orders one by one.
struct ReturnQueueView {
    let returnStatusOptions: [FilterOption]
    let returnRows: [ReturnQueueRow]
    let hasReturnRows: Bool
    let returnsEmptyMessage: String
    let nextReturnsHref: String?

    init(
        status: ReturnStatus?, returns: [OrderReturn], orders: [OrderID: Order], next: ReturnID?,
        settings: ShopSettings
    ) {
        returnStatusOptions =
            [FilterOption(optionValue: "", optionLabel: "Any state", optionSelected: status == nil)]
            + ReturnStatus.allCases.map {
                FilterOption(
                    optionValue: $0.rawValue, optionLabel: ConsoleOrderWords.returnStatus($0),
                    optionSelected: status == $0)
            }
        returnRows = returns.map { orderReturn in
            let order = orders[orderReturn.orderID]
            return ReturnQueueRow(
                returnHref: "/admin/orders/\(orderReturn.orderID.rawValue)#return-\(orderReturn.id.rawValue)",
                returnRowNumber: orderReturn.number, returnOrderNumber: order?.number ?? orderReturn.orderID.rawValue,
                returnCustomer: order?.email ?? "",
                returnUnits: orderReturn.lines.reduce(0) { $0 + $1.quantity },
                returnReasons: Set(orderReturn.lines.map(\.reason)).sorted().joined(separator: "; "),
                returnRowStatus: ConsoleOrderWords.returnStatus(orderReturn.status),
                returnRowStatusCode: orderReturn.status.rawValue,
                returnRowRequested: settings.dateTime(orderReturn.createdAt))
        }
        hasReturnRows = !returns.isEmpty
        returnsEmptyMessage =
            status.map { "No return is \(ConsoleOrderWords.returnStatus($0).lowercased())." }
            ?? "No returns yet. Customers ask for one from their account once an order has shipped."
        nextReturnsHref = next.map { cursor in
            "/admin/returns?" + (status.map { "status=\($0.rawValue)&" } ?? "") + "after=\(cursor.rawValue)"
        }
    }
}

struct ReturnQueueRow {
    let returnHref: String
    let returnRowNumber: String
    let returnOrderNumber: String
    let returnCustomer: String
    let returnUnits: Int
    let returnReasons: String
    let returnRowStatus: String
    let returnRowStatusCode: String
    let returnRowRequested: String
}
