import Foundation
import Persistence
import SQLKit
import TorvCore

/// Purchasing's SQL. Internal: other modules see only the facade.
enum PurchasingStore {
    static func money(_ row: any SQLRow, _ column: String, _ currency: Currency) throws -> Money {
        Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, table: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw PersistenceError.corruptRow(table: table, detail: "bad JSON for \(type)")
        }
    }

    static func encodeJSON(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
