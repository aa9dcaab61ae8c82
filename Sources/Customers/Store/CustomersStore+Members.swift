import Foundation
import Persistence
import SQLKit
import TorvCore

extension CustomersStore {
    static let memberSelect = """
        SELECT m.company_id, m.customer_id, m.role, m.approval_limit_amount, m.approval_limit_currency, m.added_at,
               c.status AS company_status
        FROM customers_company_members m
        JOIN customers_companies c ON c.id = m.company_id
        """

    static func membership(from row: any SQLRow) throws -> CompanyMembership {
        let table = "customers_company_members"
        return CompanyMembership(
            companyID: try row.id("company_id", as: CompanyID.self, table: table),
            customerID: try row.string("customer_id"),
            role: try row.enumeration("role", as: CompanyRole.self, table: table),
            approvalLimit: try row.money("approval_limit_amount", "approval_limit_currency", table: table),
            companyStatus: try row.enumeration("company_status", as: CompanyStatus.self, table: "customers_companies"),
            addedAt: try row.date("added_at"))
    }

    /// Adds the member unless the customer belongs to a company already (this one or another); `false`
    /// then. The UNIQUE key on the customer decides between concurrent additions.
    static func insertMember(
        _ customerID: String, of id: CompanyID, role: CompanyRole, approvalLimit: Money?, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        let now = now.epochMicroseconds
        return try await !db.raw(
            """
            INSERT INTO customers_company_members (company_id, customer_id, role, approval_limit_amount,
                                                   approval_limit_currency, added_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: customerID), \(bind: role.rawValue), \(bind: approvalLimit?.amount),
                    \(bind: approvalLimit?.currency.code), \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING RETURNING customer_id
            """
        ).all().isEmpty
    }

    static func updateMember(
        _ customerID: String, of id: CompanyID, role: CompanyRole, approvalLimit: Money?, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE customers_company_members SET
                role = \(bind: role.rawValue), approval_limit_amount = \(bind: approvalLimit?.amount),
                approval_limit_currency = \(bind: approvalLimit?.currency.code),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE company_id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            RETURNING customer_id
            """
        ).all().isEmpty
    }

    static func deleteMember(_ customerID: String, of id: CompanyID, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            DELETE FROM customers_company_members
            WHERE company_id = \(bind: id.rawValue) AND customer_id = \(bind: customerID)
            RETURNING customer_id
            """
        ).all().isEmpty
    }

    static func membership(of customerID: String, on db: any SQLDatabase) async throws -> CompanyMembership? {
        try await db.raw("\(unsafeRaw: memberSelect) WHERE m.customer_id = \(bind: customerID)").first()
            .map(membership(from:))
    }

    static func members(of id: CompanyID, on db: any SQLDatabase) async throws -> [CompanyMembership] {
        try await db.raw("\(unsafeRaw: memberSelect) WHERE m.company_id = \(bind: id.rawValue) ORDER BY m.customer_id")
            .all().map(membership(from:))
    }

    /// Whether `approverID` approves for the buyer's company: both members of the same active company,
    /// the approver as approver or admin. One statement, so it reads one consistent state.
    static func canApprove(_ approverID: String, buyerID: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            SELECT a.customer_id
            FROM customers_company_members a
            JOIN customers_company_members b ON b.company_id = a.company_id
            JOIN customers_companies c ON c.id = a.company_id
            WHERE a.customer_id = \(bind: approverID) AND b.customer_id = \(bind: buyerID)
              AND a.role IN ('approver', 'admin') AND c.status = 'active'
            """
        ).all().isEmpty
    }
}
