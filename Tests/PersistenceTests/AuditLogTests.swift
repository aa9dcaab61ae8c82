import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Audit log")
struct AuditLogTests {
    @Test("entries are recorded and read back newest first", arguments: TestBackend.allCases)
    func recordsAndLists(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let audit = AuditLog(clock: env.clock.wallClock, ids: env.ids)
            let actor = AuditActor(kind: "staff", id: "stf_1", requestID: "req-1")
            try await env.database.inTransaction { db in
                try await audit.record("staff.created", by: actor, target: ("staff_user", "stf_2"), on: db)
                try await audit.record("api_key.created", by: actor, detail: ["name": "erp"], on: db)
            }
            let entries = try await env.database.read { db in try await audit.list(limit: 10, on: db) }
            #expect(entries.map(\.action) == ["api_key.created", "staff.created"])
            #expect(entries[0].detail == ["name": "erp"])
            #expect(entries[1].actor.requestID == "req-1")
        }
    }

    @Test("the database refuses to change or delete an audit entry", arguments: TestBackend.allCases)
    func appendOnly(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let audit = AuditLog(clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in
                try await audit.record("staff.created", by: .system, on: db)
            }
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw("UPDATE audit_log SET action = 'forged'").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in try await db.raw("DELETE FROM audit_log").run() }
            }
            let entries = try await env.database.read { db in try await audit.list(limit: 10, on: db) }
            #expect(entries.map(\.action) == ["staff.created"])
        }
    }
}
