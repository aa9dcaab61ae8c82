import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Sellers {
    /// The platform's commission schedule, in the order the operator gave it.
    public func commissionRules(on db: any SQLDatabase) async throws -> [CommissionRule] {
        try await db.raw("SELECT * FROM seller_commission_rules ORDER BY position").all().map { row in
            let currency = try row.optionalString("currency").flatMap(Currency.init(code:))
            func money(_ column: String) throws -> Money? {
                guard let amount = try row.decode(column: column, as: Int64?.self), let currency else { return nil }
                return Money(minorUnits: amount, currency: currency)
            }
            return CommissionRule(
                id: try row.string("id"), sellerID: try row.optionalString("seller_id"),
                categoryID: try row.optionalString("category_id"), plan: try row.optionalString("plan"),
                percentBasisPoints: try row.int("percent_basis_points"), fixedPerItem: try money("fixed_per_item"),
                minimumPerLine: try money("minimum_per_line"))
        }
    }

    /// Replaces the whole schedule (validated as a whole: no two rules with one scope). Fees already
    /// charged keep the rule they were computed with; the schedule applies to sales from now on.
    public func setCommissionRules(
        _ rules: [CommissionRule], by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> [CommissionRule] {
        try await lockCommissionRules(on: db)
        return try await replaceCommissionRules(with: rules, by: actor, on: db)
    }

    /// Changes the schedule as it stands when the change runs: `change` gets the current rules and returns
    /// the new ones, which are validated as a whole. Two operators adding a rule each at once both land;
    /// with a read-then-``setCommissionRules(_:by:on:)`` one of them would silently undo the other.
    /// Call it inside a transaction.
    public func amendCommissionRules(
        by actor: AuditActor, on db: any SQLDatabase,
        _ change: @Sendable ([CommissionRule]) throws -> [CommissionRule]
    ) async throws -> [CommissionRule] {
        try await lockCommissionRules(on: db)
        let amended = try change(try await commissionRules(on: db))
        return try await replaceCommissionRules(with: amended, by: actor, on: db)
    }

    /// On PostgreSQL the schedule is locked until the transaction ends, so its readers-then-writers take
    /// turns; a SQLite write transaction already holds the only write lock from its start.
    private func lockCommissionRules(on db: any SQLDatabase) async throws {
        guard db.backend == .postgres else { return }
        try await db.raw("LOCK TABLE seller_commission_rules IN SHARE ROW EXCLUSIVE MODE").run()
    }

    private func replaceCommissionRules(
        with rules: [CommissionRule], by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> [CommissionRule] {
        try CommissionSchedule.requireValid(rules)
        try await db.raw("DELETE FROM seller_commission_rules").run()
        for (position, rule) in rules.enumerated() {
            let currency = (rule.fixedPerItem ?? rule.minimumPerLine)?.currency.code
            try await db.raw(
                """
                INSERT INTO seller_commission_rules (id, seller_id, category_id, plan, percent_basis_points,
                    fixed_per_item, minimum_per_line, currency, position)
                VALUES (\(bind: rule.id), \(bind: rule.sellerID), \(bind: rule.categoryID), \(bind: rule.plan),
                        \(bind: rule.percentBasisPoints), \(bind: rule.fixedPerItem?.amount),
                        \(bind: rule.minimumPerLine?.amount), \(bind: currency), \(bind: position))
                """
            ).run()
        }
        try await audit.record(
            "marketplace.commission_rules_changed", by: actor, detail: ["rules": "\(rules.count)"], on: db)
        return try await commissionRules(on: db)
    }

    /// A new rule ID for a rule the operator added without one.
    public func newCommissionRuleID() -> String {
        CommissionRuleID.generate(ids, at: now).rawValue
    }
}
