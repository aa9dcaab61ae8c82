import Foundation
import Persistence
import SQLKit
import TorvCore

extension SQLRow {
    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalString(_ column: String) throws -> String? {
        try decode(column: column, as: String?.self)
    }

    func int(_ column: String) throws -> Int {
        Int(try decode(column: column, as: Int64.self))
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decode(column: column, as: Int64?.self).map { Int($0) }
    }

    func date(_ column: String) throws -> Date {
        Date(epochMicroseconds: try decode(column: column, as: Int64.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(epochMicroseconds:))
    }

    func id<P: IDPrefix>(_ column: String, as type: TypedID<P>.Type) throws -> TypedID<P> {
        let raw = try string(column)
        guard let id = TypedID<P>(raw) else {
            throw PersistenceError.corruptRow(table: column, detail: "bad id \(raw)")
        }
        return id
    }

    func optionalID<P: IDPrefix>(_ column: String, as type: TypedID<P>.Type) throws -> TypedID<P>? {
        guard let raw = try optionalString(column) else { return nil }
        guard let id = TypedID<P>(raw) else {
            throw PersistenceError.corruptRow(table: column, detail: "bad id \(raw)")
        }
        return id
    }

    func currency(_ column: String) throws -> Currency {
        let code = try string(column)
        guard let currency = Currency(code: code) else {
            throw PersistenceError.corruptRow(table: column, detail: "bad currency \(code)")
        }
        return currency
    }
}

extension Optional where Wrapped == Date {
    var epochMicroseconds: Int64? { self?.epochMicroseconds }
}

/// Splits long `IN (…)` lists: PostgreSQL takes at most 65,535 parameters per statement.
func inChunks<T: Sendable, R>(_ values: [T], of size: Int = 500, _ body: ([T]) async throws -> [R]) async throws -> [R]
{
    var results: [R] = []
    var start = 0
    while start < values.count {
        let end = min(start + size, values.count)
        results += try await body(Array(values[start..<end]))
        start = end
    }
    return results
}
