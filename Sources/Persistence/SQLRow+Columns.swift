public import Foundation
public import SQLKit
public import TorvCore

/// Typed readers for the column conventions every module shares: times as BIGINT microseconds,
/// IDs as prefixed strings, flags as 0/1, currencies as ISO codes. A value that does not fit is a
/// `corruptRow`, never a crash.
extension SQLRow {
    public func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    public func optionalString(_ column: String) throws -> String? {
        try decode(column: column, as: String?.self)
    }

    public func int(_ column: String) throws -> Int {
        Int(try decode(column: column, as: Int64.self))
    }

    public func optionalInt(_ column: String) throws -> Int? {
        try decode(column: column, as: Int64?.self).map { Int($0) }
    }

    public func date(_ column: String) throws -> Date {
        Date(epochMicroseconds: try decode(column: column, as: Int64.self))
    }

    public func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(epochMicroseconds:))
    }

    /// A 0/1 flag column (SQLite has no boolean type, so both backends store integers).
    public func flag(_ column: String) throws -> Bool {
        try decode(column: column, as: Int64.self) != 0
    }

    public func id<P: IDPrefix>(_ column: String, as type: TypedID<P>.Type, table: String? = nil) throws -> TypedID<P> {
        let raw = try string(column)
        guard let id = TypedID<P>(raw) else {
            throw PersistenceError.corruptRow(table: table ?? column, detail: "bad \(column) \(raw)")
        }
        return id
    }

    public func optionalID<P: IDPrefix>(
        _ column: String, as type: TypedID<P>.Type, table: String? = nil
    ) throws
        -> TypedID<P>?
    {
        guard try optionalString(column) != nil else { return nil }
        return try id(column, as: type, table: table)
    }

    public func currency(_ column: String) throws -> Currency {
        let code = try string(column)
        guard let currency = Currency(code: code) else {
            throw PersistenceError.corruptRow(table: column, detail: "bad currency \(code)")
        }
        return currency
    }

    public func enumeration<E: RawRepresentable>(_ column: String, as type: E.Type, table: String) throws -> E
    where E.RawValue == String {
        let raw = try string(column)
        guard let value = E(rawValue: raw) else {
            throw PersistenceError.corruptRow(table: table, detail: "bad \(column) \(raw)")
        }
        return value
    }
}
