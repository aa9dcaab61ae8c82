public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Invoicing {
    /// The recurring job that announces reminders.
    public static let remindersJob = "invoicing.send_reminders"

    /// Announces `invoice.reminder_due` for every open invoice that reached a new reminder level by
    /// `asOf`: once per level, even when two workers run at once (the level moves by a guarded UPDATE
    /// from the level read). An invoice that skipped levels (the job did not run) gets the highest due.
    @discardableResult
    public func sendReminders(asOf: Date, on db: any SQLDatabase) async throws -> [InvoiceReminderDue] {
        let firstLevel = asOf.addingTimeInterval(-Double(ReminderSchedule.daysPastDue[0]) * 86_400)
        let rows = try await db.raw(
            """
            SELECT id, number, customer_id, company_id, currency, total - paid - credited AS open, due_at,
                   reminder_level
            FROM invoices
            WHERE paid + credited < total AND due_at <= \(bind: firstLevel.epochMicroseconds)
              AND reminder_level < \(bind: ReminderSchedule.daysPastDue.count)
            ORDER BY due_at, id
            """
        ).all()
        var sent: [InvoiceReminderDue] = []
        for row in rows {
            let due = try row.date("due_at")
            let level = ReminderSchedule.level(due: due, asOf: asOf)
            let current = try row.int("reminder_level")
            guard level > current else { continue }
            let id = try row.id("id", as: InvoiceID.self, table: "invoices")
            guard
                try await db.raw(
                    """
                    UPDATE invoices SET reminder_level = \(bind: level)
                    WHERE id = \(bind: id.rawValue) AND reminder_level = \(bind: current) RETURNING id
                    """
                ).first() != nil
            else { continue }
            let reminder = InvoiceReminderDue(
                invoiceID: id, number: try row.string("number"), customerID: try row.optionalString("customer_id"),
                companyID: try row.optionalString("company_id"), level: level, dueAt: due,
                daysPastDue: Int((asOf.timeIntervalSince(due) / 86_400).rounded(.down)),
                open: Money(
                    minorUnits: try row.decode(column: "open", as: Int64.self), currency: try row.currency("currency")))
            try await outbox.append(reminder, on: db)
            sent.append(reminder)
        }
        return sent
    }
}
