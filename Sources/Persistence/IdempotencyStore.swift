public import Foundation
import SQLKit
public import TorvCore

/// A response stored under an idempotency key, replayed byte for byte on a retry.
public struct StoredResponse: Sendable, Hashable {
    public var status: Int
    public var contentType: String?
    public var body: String

    public init(status: Int, contentType: String?, body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// What to do with a request that carries an `Idempotency-Key`.
public enum IdempotencyDecision: Sendable, Hashable {
    /// First time (or the earlier attempt died): run it, then `complete` or `abandon`.
    case proceed
    /// Done before with the same body: send the stored response again.
    case replay(StoredResponse)
    /// The same key is being processed right now (409).
    case inFlight
    /// The key was used before with a different request (422).
    case mismatch
}

/// Remembers retryable writes per principal so a retried request has the effect of one.
///
/// Keys live for `retention` (24 h by default). A key whose request is in flight is locked for
/// `lockTimeout`; if that process died, a later retry may take the key over.
public struct IdempotencyStore: Sendable {
    let clock: WallClock
    public var retention: TimeInterval
    public var lockTimeout: TimeInterval

    public init(clock: WallClock = .system, retention: TimeInterval = 24 * 3600, lockTimeout: TimeInterval = 60) {
        self.clock = clock
        self.retention = retention
        self.lockTimeout = lockTimeout
    }

    /// `scope` identifies the principal (and route); `fingerprint` hashes method, path and body.
    public func begin(
        scope: String, key: String, fingerprint: String, in database: Database
    ) async throws
        -> IdempotencyDecision
    {
        let now = clock.now().epochMicroseconds
        let lockedUntil = clock.now().addingTimeInterval(lockTimeout).epochMicroseconds
        let expiresAt = clock.now().addingTimeInterval(retention).epochMicroseconds
        return try await database.inTransaction { db in
            try await db.raw(
                "DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key) AND expires_at <= \(bind: now)"
            ).run()
            let inserted = try await db.raw(
                """
                INSERT INTO idempotency_keys (scope, key, fingerprint, state, locked_until, created_at, expires_at)
                VALUES (\(bind: scope), \(bind: key), \(bind: fingerprint), 'in_flight', \(bind: lockedUntil), \(bind: now), \(bind: expiresAt))
                ON CONFLICT (scope, key) DO NOTHING
                RETURNING key
                """
            ).all()
            if !inserted.isEmpty { return .proceed }

            guard
                let row = try await db.raw(
                    """
                    SELECT fingerprint, state, locked_until, status_code, content_type, body
                    FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key)
                    """
                ).first()
            else { return .inFlight }
            guard try row.decode(column: "fingerprint", as: String.self) == fingerprint else { return .mismatch }
            if try row.decode(column: "state", as: String.self) == "completed" {
                return .replay(
                    StoredResponse(
                        status: try row.decode(column: "status_code", as: Int.self),
                        contentType: try row.decode(column: "content_type", as: String?.self),
                        body: try row.decode(column: "body", as: String?.self) ?? ""))
            }
            if try row.decode(column: "locked_until", as: Int64.self) > now { return .inFlight }
            try await db.raw(
                "UPDATE idempotency_keys SET locked_until = \(bind: lockedUntil) WHERE scope = \(bind: scope) AND key = \(bind: key)"
            ).run()
            return .proceed
        }
    }

    /// Stores the final response for replay.
    public func complete(scope: String, key: String, response: StoredResponse, in database: Database) async throws {
        try await database.inTransaction { db in
            try await db.raw(
                """
                UPDATE idempotency_keys SET state = 'completed', status_code = \(bind: response.status),
                    content_type = \(bind: response.contentType), body = \(bind: response.body)
                WHERE scope = \(bind: scope) AND key = \(bind: key)
                """
            ).run()
        }
    }

    /// Forgets a key whose request failed in a way a retry may fix (a 5xx), so the retry runs again.
    public func abandon(scope: String, key: String, in database: Database) async throws {
        try await database.inTransaction { db in
            try await db.raw(
                "DELETE FROM idempotency_keys WHERE scope = \(bind: scope) AND key = \(bind: key) AND state = 'in_flight'"
            ).run()
        }
    }

    /// Deletes expired keys; returns how many.
    @discardableResult
    public func purgeExpired(in database: Database) async throws -> Int {
        let now = clock.now().epochMicroseconds
        return try await database.inTransaction { db in
            try await db.raw("DELETE FROM idempotency_keys WHERE expires_at <= \(bind: now) RETURNING key").all().count
        }
    }
}
