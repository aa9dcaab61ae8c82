public import Foundation
public import SQLKit
public import TorvCore

public enum AuditEntryPrefix: IDPrefix { public static let prefix = "aud" }
public typealias AuditEntryID = TypedID<AuditEntryPrefix>

/// Who did something: a staff user, an API key, a customer, or the system itself (jobs).
public struct AuditActor: Sendable, Hashable, Codable {
    public var kind: String
    public var id: String
    public var requestID: String?

    public init(kind: String, id: String, requestID: String? = nil) {
        self.kind = kind
        self.id = id
        self.requestID = requestID
    }

    public static let system = AuditActor(kind: "system", id: "torv")
}

/// One line of the audit log: who did what to which thing, when, in which request.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: AuditEntryID
    public var occurredAt: Date
    public var actor: AuditActor
    public var action: String
    public var targetType: String?
    public var targetID: String?
    public var detail: [String: String]
}

/// The append-only record of every staff and seller mutation. It lives in Persistence, beside the
/// outbox, because every domain module records into it inside its own transactions, and domain
/// modules may not import one another. UPDATE and DELETE are refused by database triggers.
public struct AuditLog: Sendable {
    let clock: WallClock
    let ids: UUIDGenerator

    public init(clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.clock = clock
        self.ids = ids
    }

    @discardableResult
    public func record(
        _ action: String, by actor: AuditActor, target: (type: String, id: String)? = nil,
        detail: [String: String] = [:], on db: any SQLDatabase
    ) async throws -> AuditEntry {
        let now = clock.now()
        let entry = AuditEntry(
            id: AuditEntryID.generate(ids, at: now), occurredAt: now, actor: actor, action: action,
            targetType: target?.type, targetID: target?.id, detail: detail)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let detailJSON = String(decoding: try encoder.encode(detail), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO audit_log (id, occurred_at, actor_kind, actor_id, action, target_type, target_id, request_id, detail)
            VALUES (\(bind: entry.id.rawValue), \(bind: now.epochMicroseconds), \(bind: actor.kind), \(bind: actor.id),
                    \(bind: action), \(bind: entry.targetType), \(bind: entry.targetID), \(bind: actor.requestID), \(bind: detailJSON))
            """
        ).run()
        return entry
    }

    /// Newest first, with cursor paging on the entry ID (which sorts by time).
    public func list(
        before cursor: AuditEntryID? = nil, limit: Int, actorID: String? = nil, on db: any SQLDatabase
    ) async throws -> [AuditEntry] {
        let rows = try await db.raw(
            """
            SELECT id, occurred_at, actor_kind, actor_id, action, target_type, target_id, request_id, detail
            FROM audit_log
            WHERE (\(bind: cursor?.rawValue) IS NULL OR id < \(bind: cursor?.rawValue ?? ""))
              AND (\(bind: actorID) IS NULL OR actor_id = \(bind: actorID ?? ""))
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all()
        return try rows.map { row in
            let rawID = try row.decode(column: "id", as: String.self)
            guard let id = AuditEntryID(rawID) else {
                throw PersistenceError.corruptRow(table: "audit_log", detail: "bad id \(rawID)")
            }
            let detail = try row.decode(column: "detail", as: String.self)
            return AuditEntry(
                id: id, occurredAt: Date(epochMicroseconds: try row.decode(column: "occurred_at", as: Int64.self)),
                actor: AuditActor(
                    kind: try row.decode(column: "actor_kind", as: String.self),
                    id: try row.decode(column: "actor_id", as: String.self),
                    requestID: try row.decode(column: "request_id", as: String?.self)),
                action: try row.decode(column: "action", as: String.self),
                targetType: try row.decode(column: "target_type", as: String?.self),
                targetID: try row.decode(column: "target_id", as: String?.self),
                detail: (try? JSONDecoder().decode([String: String].self, from: Data(detail.utf8))) ?? [:])
        }
    }
}
