import Foundation
import Persistence
import TorvCore

/// The audit log, newest first: who did what to which record, and the request it came in.
struct AuditLogView {
    struct Entry {
        let entryTime: String
        let entryActor: String
        let entryActorHref: String?
        let entryAction: String
        let entryTarget: String?
        let entryTargetHref: String?
        let entryDetail: String
        let entryRequest: String?
    }

    let entries: [Entry]
    let hasEntries: Bool
    let actorFilter: String
    let olderHref: String?

    init(
        entries: [AuditEntry], staffNames: [String: String], actorFilter: String, older: AuditEntryID?,
        settings: ShopSettings
    ) {
        self.entries = entries.map { entry in
            let name = staffNames[entry.actor.id]
            return Entry(
                entryTime: settings.dateTime(entry.occurredAt),
                entryActor: name.map { "\($0) (\(entry.actor.kind))" } ?? "\(entry.actor.kind) \(entry.actor.id)",
                entryActorHref: name == nil ? nil : "/admin/settings/staff/\(entry.actor.id)",
                entryAction: entry.action,
                entryTarget: entry.targetType.map { type in "\(type) \(entry.targetID ?? "")" },
                entryTargetHref: Self.href(type: entry.targetType, id: entry.targetID),
                entryDetail: entry.detail.keys.sorted().map { "\($0): \(entry.detail[$0] ?? "")" }.joined(
                    separator: "; "),
                entryRequest: entry.actor.requestID)
        }
        hasEntries = !entries.isEmpty
        self.actorFilter = actorFilter
        olderHref = older.map { id in
            var components = URLComponents()
            components.path = "/admin/settings/audit"
            components.queryItems =
                (actorFilter.isEmpty ? [] : [URLQueryItem(name: "actor", value: actorFilter)])
                + [URLQueryItem(name: "before", value: id.rawValue)]
            return components.string ?? "/admin/settings/audit"
        }
    }

    /// Records the console has a page for.
    static func href(type: String?, id: String?) -> String? {
        guard let type, let id, !id.isEmpty else { return nil }
        let safe = FinanceReportView.pathSafe(id)
        return switch type {
        case "order": "/admin/orders/\(safe)"
        case "staff_user": "/admin/settings/staff/\(safe)"
        case "product": "/admin/catalog/products/\(safe)"
        default: nil
        }
    }
}
