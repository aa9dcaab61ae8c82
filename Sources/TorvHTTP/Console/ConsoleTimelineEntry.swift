import Flows
import Foundation
import Orders
import Payments
import Persistence
import TorvCore

/// One line of the staff timeline, newest first: the order's own entries (transitions, fulfilment and return
/// steps, notes) and its payments' refunds, which the order's timeline does not record itself.
struct ConsoleTimelineEntry {
    let entryTime: String
    let entryText: String
    /// Nil for a refund: the payment records no actor (the audit log does).
    let entryActor: String?
    let entryVisibleToCustomer: Bool

    static func entries(
        _ details: OrderDetails, settings: ShopSettings, staffNames: [String: String] = [:]
    ) -> [ConsoleTimelineEntry] {
        var dated: [(Date, ConsoleTimelineEntry)] = details.timeline.map { entry in
            var text = ConsoleOrderWords.event(entry.kind)
            if let message = entry.message, !message.isEmpty { text += ": " + message }
            return (
                entry.occurredAt,
                ConsoleTimelineEntry(
                    entryTime: settings.dateTime(entry.occurredAt), entryText: text,
                    entryActor: actor(entry.actor, staffNames: staffNames),
                    entryVisibleToCustomer: entry.visibleToCustomer)
            )
        }
        dated += details.refunds.map { refund in
            (
                refund.createdAt,
                ConsoleTimelineEntry(
                    entryTime: settings.dateTime(refund.createdAt),
                    entryText:
                        "Refund of \(settings.money(refund.amount)) \(ConsoleOrderWords.refund(refund.status)): \(refund.reason)",
                    entryActor: nil, entryVisibleToCustomer: false)
            )
        }
        // Stable: entries of the same instant keep their recorded order, reversed with the rest.
        return dated.enumerated().sorted { ($0.element.0, $0.offset) > ($1.element.0, $1.offset) }.map(\.element.1)
    }

    static func actor(_ actor: AuditActor, staffNames: [String: String]) -> String {
        switch actor.kind {
        case "system": "Torv"
        case "customer": "the customer"
        case "staff": staffNames[actor.id] ?? "staff \(actor.id)"
        default: "\(actor.kind.replacingOccurrences(of: "_", with: " ")) \(actor.id)"
        }
    }
}
