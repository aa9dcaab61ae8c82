import Foundation
import Persistence
import SQLKit
import TorvCore

extension CustomersStore {
    static let groupColumns = "g.id, g.code, g.name, g.created_at"

    static func group(from row: any SQLRow) throws -> CustomerGroup {
        CustomerGroup(
            id: try row.id("id", as: CustomerGroupID.self, table: "customers_groups"), code: try row.string("code"),
            name: try row.string("name"), createdAt: try row.date("created_at"))
    }

    /// Inserts the group unless its code is taken; `false` when it is.
    static func insert(_ group: CustomerGroup, on db: any SQLDatabase) async throws -> Bool {
        let now = group.createdAt.epochMicroseconds
        return try await !db.raw(
            """
            INSERT INTO customers_groups (id, code, name, created_at, updated_at)
            VALUES (\(bind: group.id.rawValue), \(bind: group.code), \(bind: group.name), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all().isEmpty
    }

    static func group(_ id: CustomerGroupID, on db: any SQLDatabase) async throws -> CustomerGroup? {
        try await db.raw(
            "SELECT \(unsafeRaw: groupColumns) FROM customers_groups g WHERE g.id = \(bind: id.rawValue)"
        ).first().map(group(from:))
    }

    static func group(code: String, on db: any SQLDatabase) async throws -> CustomerGroup? {
        try await db.raw(
            "SELECT \(unsafeRaw: groupColumns) FROM customers_groups g WHERE g.code = \(bind: code)"
        ).first().map(group(from:))
    }

    static func groups(on db: any SQLDatabase) async throws -> [CustomerGroup] {
        try await db.raw("SELECT \(unsafeRaw: groupColumns) FROM customers_groups g ORDER BY g.code").all()
            .map(group(from:))
    }

    static func rename(
        _ id: CustomerGroupID, to name: String, now: Date, on db: any SQLDatabase
    ) async throws
        -> CustomerGroup?
    {
        try await db.raw(
            """
            UPDATE customers_groups SET name = \(bind: name), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue)
            RETURNING id, code, name, created_at
            """
        ).first().map(group(from:))
    }

    /// `false` when the customer was a member already.
    static func addMember(
        _ customerID: String, to id: CustomerGroupID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO customers_group_members (group_id, customer_id, added_at)
            VALUES (\(bind: id.rawValue), \(bind: customerID), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING customer_id
            """
        ).all().isEmpty
    }

    /// `false` when the customer was not a member.
    static func removeMember(
        _ customerID: String, from id: CustomerGroupID, on db: any SQLDatabase
    ) async throws
        -> Bool
    {
        try await !db.raw(
            """
            DELETE FROM customers_group_members WHERE group_id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            RETURNING customer_id
            """
        ).all().isEmpty
    }

    static func groups(of customerID: String, on db: any SQLDatabase) async throws -> [CustomerGroup] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: groupColumns) FROM customers_groups g
            JOIN customers_group_members m ON m.group_id = g.id
            WHERE m.customer_id = \(bind: customerID)
            ORDER BY g.code
            """
        ).all().map(group(from:))
    }

    static func members(of id: CustomerGroupID, on db: any SQLDatabase) async throws -> [String] {
        try await db.raw(
            """
            SELECT customer_id FROM customers_group_members WHERE group_id = \(bind: id.rawValue)
            ORDER BY customer_id
            """
        ).all(decodingColumn: "customer_id", as: String.self)
    }
}
