import Foundation
import Orders
import TorvCore

/// What `/admin/orders` asks for: a search text, a status and a cursor, read from the query string.
/// Anything unrecognised (a status that does not exist, a cursor that is not an order ID) is ignored rather
/// than refused: the page then simply shows every order, which is what someone fiddling with the URL expects.
struct ConsoleOrderListQuery: Sendable, Hashable {
    static let defaultLimit = 50

    var text: String
    var status: OrderStatus?
    var after: OrderID?
    var limit: Int

    init(query: String?) {
        let fields = FormData(urlEncoded: query ?? "")
        text = String((fields["q"] ?? "").prefix(100))
        status = fields["status"].flatMap(OrderStatus.init(rawValue:))
        after = fields["after"].flatMap { OrderID($0) }
        limit = fields["limit"].flatMap { Int($0) }.map { min(max($0, 1), 200) } ?? Self.defaultLimit
    }

    var filter: OrderQuery {
        OrderQuery(status: status, text: text.isEmpty ? nil : text)
    }

    /// This list's address with another cursor (`nil`: the first page).
    func url(after cursor: OrderID?) -> String {
        var parts: [String] = []
        if !text.isEmpty { parts.append("q=" + Self.encoded(text)) }
        if let status { parts.append("status=" + status.rawValue) }
        if limit != Self.defaultLimit { parts.append("limit=\(limit)") }
        if let cursor { parts.append("after=" + cursor.rawValue) }
        return parts.isEmpty ? "/admin/orders" : "/admin/orders?" + parts.joined(separator: "&")
    }

    private static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// RFC 3986's unreserved characters: everything else in a query value is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// The order list page.
struct ConsoleOrderListView {
    let searchText: String
    let statusOptions: [StatusOption]
    let orderRows: [OrderRow]
    let olderOrdersURL: String?
    /// Shown on a later page: back to the newest orders.
    let newestOrdersURL: String?
    let isFiltered: Bool
    /// Stored, not computed: templates see stored properties only.
    let hasOrders: Bool

    struct StatusOption {
        let optionValue: String
        let optionLabel: String
        let optionSelected: Bool
    }

    struct OrderRow {
        let rowOrderID: String
        let rowNumber: String
        let rowPlaced: String
        let rowEmail: String
        let rowStatus: String
        let rowStatusCode: String
        let rowItems: Int
        let rowTotal: String
    }

    init(_ orders: [Order], next: OrderID?, query: ConsoleOrderListQuery, settings: ShopSettings) {
        searchText = query.text
        statusOptions =
            [StatusOption(optionValue: "", optionLabel: "Any status", optionSelected: query.status == nil)]
            + OrderStatus.allCases.map {
                StatusOption(
                    optionValue: $0.rawValue, optionLabel: ConsoleOrderWords.status($0),
                    optionSelected: query.status == $0)
            }
        orderRows = orders.map { order in
            OrderRow(
                rowOrderID: order.id.rawValue, rowNumber: order.number, rowPlaced: settings.dateTime(order.placedAt),
                rowEmail: order.email, rowStatus: ConsoleOrderWords.status(order.status),
                rowStatusCode: order.status.rawValue, rowItems: order.lines.reduce(0) { $0 + $1.quantity },
                rowTotal: settings.money(order.totals.grandTotal))
        }
        olderOrdersURL = next.map { query.url(after: $0) }
        newestOrdersURL = query.after == nil ? nil : query.url(after: nil)
        isFiltered = !query.text.isEmpty || query.status != nil
        hasOrders = !orders.isEmpty
    }
}
