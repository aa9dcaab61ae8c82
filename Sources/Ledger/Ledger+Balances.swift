import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// A broken ledger invariant found by ``Ledger/verifyInvariants(on:)``.
public struct LedgerViolation: Sendable, Hashable, Codable {
    public let entryID: String?
    public let currency: String
    public let detail: String
}

extension Ledger {
    /// Every account with lines in `currency`, with its balance (debits minus credits), by code. The
    /// balances of a sound ledger sum to zero. Summed from the covering index before the join, so the
    /// join touches one row per account, not per line.
    public func trialBalance(currency: Currency, on db: any SQLDatabase) async throws -> [AccountBalance] {
        try await db.raw(
            """
            SELECT t.account_code, a.type, t.balance
            FROM (SELECT account_code, CAST(SUM(amount) AS BIGINT) AS balance FROM ledger_lines
                  WHERE currency = \(bind: currency.code) GROUP BY account_code) t
            JOIN ledger_accounts a ON a.code = t.account_code
            ORDER BY t.account_code
            """
        ).all().map { row in
            AccountBalance(
                accountCode: try row.string("account_code"),
                type: try row.enumeration("type", as: AccountType.self, table: "ledger_accounts"),
                balance: Money(minorUnits: try row.decode(column: "balance", as: Int64.self), currency: currency))
        }
    }

    /// One account's balance (debits minus credits) in every currency it has lines in.
    public func balances(of accountCode: String, on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            """
            SELECT currency, CAST(SUM(amount) AS BIGINT) AS balance FROM ledger_lines
            WHERE account_code = \(bind: accountCode) GROUP BY currency ORDER BY currency
            """
        ).all().map { row in
            Money(
                minorUnits: try row.decode(column: "balance", as: Int64.self),
                currency: try row.currency("currency"))
        }
    }

    /// Entries whose lines do not sum to zero in a currency, and currencies whose trial balance does not.
    public func verifyInvariants(on db: any SQLDatabase) async throws -> [LedgerViolation] {
        let unbalanced = try await db.raw(
            """
            SELECT entry_id, currency, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines
            GROUP BY entry_id, currency HAVING SUM(amount) <> 0
            """
        ).all().map { row in
            LedgerViolation(
                entryID: try row.string("entry_id"), currency: try row.string("currency"),
                detail: "lines sum to \(try row.decode(column: "total", as: Int64.self))")
        }
        let books = try await db.raw(
            """
            SELECT currency, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines
            GROUP BY currency HAVING SUM(amount) <> 0
            """
        ).all().map { row in
            LedgerViolation(
                entryID: nil, currency: try row.string("currency"),
                detail: "trial balance sums to \(try row.decode(column: "total", as: Int64.self))")
        }
        return unbalanced + books
    }
}
