import Foundation
import Persistence
import SQLKit
import TorvCore

extension SQLRow {
    func date(_ column: String) throws -> Date {
        Date(epochMicroseconds: try decode(column: column, as: Int64.self))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(epochMicroseconds:))
    }

    func int(_ column: String) throws -> Int {
        try decode(column: column, as: Int.self)
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decode(column: column, as: Int?.self)
    }

    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalString(_ column: String) throws -> String? {
        try decode(column: column, as: String?.self)
    }

    /// A 0/1 flag column (see ``InventoryMigrations``).
    func flag(_ column: String) throws -> Bool {
        try decode(column: column, as: Int.self) != 0
    }

    func id<P: IDPrefix>(_ column: String, as type: TypedID<P>.Type, table: String) throws -> TypedID<P> {
        let raw = try decode(column: column, as: String.self)
        guard let id = TypedID<P>(raw) else {
            throw PersistenceError.corruptRow(table: table, detail: "bad \(column) \(raw)")
        }
        return id
    }

    func enumeration<E: RawRepresentable>(_ column: String, as type: E.Type, table: String) throws -> E
    where E.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = E(rawValue: raw) else {
            throw PersistenceError.corruptRow(table: table, detail: "bad \(column) \(raw)")
        }
        return value
    }
}

extension Bool {
    /// The 0/1 form stored in flag columns.
    var flag: Int { self ? 1 : 0 }
}
