import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Ledger {
    /// The chart of accounts, by code.
    public func accounts(on db: any SQLDatabase) async throws -> [Account] {
        try await db.raw("SELECT code, name, type, cash, created_at FROM ledger_accounts ORDER BY code").all().map(
            Self.account(from:))
    }

    /// Adds an account to the chart. Codes are 3 to 10 digits and never reused.
    public func createAccount(
        code: String, name: String, type: AccountType, isCash: Bool = false, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> Account {
        var validator = Validator()
        validator.check(
            (3...10).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isNumber }, "/code",
            "must be 3 to 10 digits", code: "invalid_account_code")
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        validator.check(
            !trimmed.isEmpty && trimmed.count <= 200, "/name", "must be 1 to 200 characters", code: "invalid_name")
        try validator.finish()
        let inserted = try await db.raw(
            """
            INSERT INTO ledger_accounts (code, name, type, cash, created_at)
            VALUES (\(bind: code), \(bind: trimmed), \(bind: type.rawValue), \(bind: isCash ? 1 : 0),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """
        ).first()
        guard inserted != nil else { throw LedgerError.accountCodeTaken(code) }
        try await audit.record(
            "ledger.account_created", by: actor, target: ("ledger_account", code),
            detail: ["name": trimmed, "type": type.rawValue, "cash": isCash ? "yes" : "no"], on: db)
        return Account(code: code, name: trimmed, type: type, isCash: isCash, createdAt: now)
    }

    static func account(from row: any SQLRow) throws -> Account {
        Account(
            code: try row.string("code"), name: try row.string("name"),
            type: try row.enumeration("type", as: AccountType.self, table: "ledger_accounts"),
            isCash: try row.flag("cash"), createdAt: try row.date("created_at"))
    }
}
