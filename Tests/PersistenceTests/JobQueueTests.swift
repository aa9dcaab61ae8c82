import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Jobs")
struct JobQueueTests {
    struct Payload: Codable, Sendable { let number: Int }

    static func createRunLog(_ database: Database) async throws {
        try await database.inTransaction { db in
            try await db.raw("CREATE TABLE test_runs (job_id TEXT NOT NULL, worker TEXT NOT NULL)").run()
        }
    }

    @Test("four workers in two processes run each of 120 jobs exactly once", arguments: TestBackend.allCases)
    func workersNeverShareAJob(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            try await Self.createRunLog(env.database)
            let queue = JobQueue(clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in
                for number in 0..<120 {
                    try await queue.enqueue(kind: "test.work", payload: Payload(number: number), on: db)
                }
            }
            let other = try await env.openAnotherPool()
            let workers = (0..<4).map { index in
                let database = index.isMultiple(of: 2) ? env.database : other
                return JobWorker(
                    id: "worker-\(index)", database: database, queue: queue,
                    handlers: [
                        JobHandler(kind: "test.work") { job in
                            try await database.inTransaction { db in
                                try await db.raw(
                                    "INSERT INTO test_runs (job_id, worker) VALUES (\(bind: job.id.rawValue), \(bind: "worker-\(index)"))"
                                ).run()
                            }
                        }
                    ], batchSize: 5)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in workers {
                    group.addTask { while try await worker.runDue() > 0 {} }
                }
                try await group.waitForAll()
            }
            let runs = try await env.database.read { db in
                try await db.raw("SELECT job_id FROM test_runs").all(decodingColumn: "job_id", as: String.self)
            }
            #expect(runs.count == 120)
            #expect(Set(runs).count == 120)
            #expect(try await queue.counts(in: env.database) == ["done": 120])
            await other.shutdown()
        }
    }

    @Test(
        "a failing job is retried after back-off and fails for good after its last attempt",
        arguments: TestBackend.allCases)
    func retriesThenFails(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let queue = JobQueue(clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in
                try await queue.enqueue(kind: "test.flaky", payload: Payload(number: 1), maxAttempts: 3, on: db)
            }
            let worker = JobWorker(
                database: env.database, queue: queue,
                handlers: [JobHandler(kind: "test.flaky") { _ in throw TestFailure() }])
            #expect(try await worker.runDue() == 1)
            #expect(try await worker.runDue() == 0)  // backing off
            env.clock.advance(by: 3600)
            #expect(try await worker.runDue() == 1)
            env.clock.advance(by: 3600)
            #expect(try await worker.runDue() == 1)
            env.clock.advance(by: 3600)
            #expect(try await worker.runDue() == 0)
            #expect(try await queue.counts(in: env.database) == ["failed": 1])
        }
    }

    @Test("a unique key schedules a job once however often it is enqueued", arguments: TestBackend.allCases)
    func uniqueKeyDeduplicates(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let queue = JobQueue(clock: env.clock.wallClock, ids: env.ids)
            let ids = try await env.database.inTransaction { db in
                [
                    try await queue.enqueue(
                        kind: "test.deadline", payload: Payload(number: 1), uniqueKey: "deal-1", on: db),
                    try await queue.enqueue(
                        kind: "test.deadline", payload: Payload(number: 1), uniqueKey: "deal-1", on: db),
                ]
            }
            #expect(ids[0] != nil)
            #expect(ids[1] == nil)
            #expect(try await queue.counts(in: env.database) == ["queued": 1])
        }
    }

    @Test(
        "a job whose worker died is claimed again when its lease runs out, not before", arguments: TestBackend.allCases)
    func expiredLeaseIsReclaimed(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let queue = JobQueue(clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in
                try await queue.enqueue(kind: "test.work", payload: Payload(number: 1), on: db)
            }
            let claimed = try await queue.claim(
                kinds: ["test.work"], worker: "dead", limit: 1, lease: 60, in: env.database)
            #expect(claimed.count == 1)
            #expect(
                try await queue.claim(kinds: ["test.work"], worker: "alive", limit: 1, lease: 60, in: env.database)
                    .isEmpty)
            env.clock.advance(by: 61)
            let again = try await queue.claim(
                kinds: ["test.work"], worker: "alive", limit: 1, lease: 60, in: env.database)
            #expect(again.map(\.id) == claimed.map(\.id))
            #expect(again.first?.attempt == 2)
            // The dead worker's late completion no longer counts.
            #expect(try await queue.complete(claimed[0], worker: "dead", in: env.database) == false)
            #expect(try await queue.complete(again[0], worker: "alive", in: env.database) == true)
        }
    }

    @Test("a job scheduled for later is not run early", arguments: TestBackend.allCases)
    func scheduledJobWaits(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let queue = JobQueue(clock: env.clock.wallClock, ids: env.ids)
            let later = env.clock.now.addingTimeInterval(3600)
            try await env.database.inTransaction { db in
                try await queue.enqueue(kind: "test.work", payload: Payload(number: 1), runAt: later, on: db)
            }
            #expect(
                try await queue.claim(kinds: ["test.work"], worker: "w", limit: 5, lease: 60, in: env.database).isEmpty)
            env.clock.advance(by: 3601)
            #expect(
                try await queue.claim(kinds: ["test.work"], worker: "w", limit: 5, lease: 60, in: env.database).count
                    == 1)
        }
    }
}
