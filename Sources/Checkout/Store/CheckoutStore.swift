import Foundation
import SQLKit

/// Internal SQL for Checkout's own tables, split by concern into `CheckoutStore+*.swift`.
enum CheckoutStore {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension Bool {
    /// The 0/1 form stored in flag columns.
    var flag: Int { self ? 1 : 0 }
}

extension CartAccess {
    /// The `WHERE` fragment that limits a query to carts this caller may see.
    var predicate: SQLQueryString {
        switch self {
        case .customer(let customerID): "customer_id = \(bind: customerID)"
        case .guest(let token): "customer_id IS NULL AND guest_token_hash = \(bind: GuestToken.hash(token))"
        case .staff: "1 = 1"
        }
    }
}
