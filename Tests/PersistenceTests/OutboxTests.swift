import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

struct ThingHappened: DomainEvent, Hashable {
    static let eventType = "test.thing_happened"
    let number: Int
}

struct OtherThing: DomainEvent, Hashable {
    static let eventType = "test.other_thing"
}

@Suite("Outbox")
struct OutboxTests {
    /// A subscriber that writes one row per delivery, so duplicates show up as extra rows.
    static func recorder(_ name: String, types: Set<String>? = nil) -> OutboxSubscriber {
        OutboxSubscriber(name: name, eventTypes: types) { event, db in
            try await db.raw(
                "INSERT INTO test_received (subscriber, event_id, type) VALUES (\(bind: name), \(bind: event.id.rawValue), \(bind: event.type))"
            ).run()
        }
    }

    static func createInbox(_ database: Database) async throws {
        try await database.inTransaction { db in
            try await db.raw(
                "CREATE TABLE test_received (subscriber TEXT NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL)"
            )
            .run()
        }
    }

    static func received(_ database: Database) async throws -> [(String, String)] {
        try await database.read { db in
            try await db.raw("SELECT subscriber, event_id FROM test_received").all().map {
                (
                    try $0.decode(column: "subscriber", as: String.self),
                    try $0.decode(column: "event_id", as: String.self)
                )
            }
        }
    }

    @Test(
        "events reach every interested subscriber once, and a rolled-back event never leaves",
        arguments: TestBackend.allCases)
    func deliversCommittedEventsOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            try await Self.createInbox(env.database)
            let outbox = Outbox(
                subscribers: [Self.recorder("ledger"), Self.recorder("analytics", types: [OtherThing.eventType])],
                clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in
                try await outbox.append(ThingHappened(number: 1), on: db)
                try await outbox.append(OtherThing(), on: db)
            }
            try? await env.database.inTransaction { db in
                try await outbox.append(ThingHappened(number: 2), on: db)
                throw TestFailure()
            }
            let relay = OutboxRelay(database: env.database, outbox: outbox)
            #expect(try await relay.deliverDue() == 3)
            #expect(try await relay.deliverDue() == 0)
            let received = try await Self.received(env.database)
            #expect(received.filter { $0.0 == "ledger" }.count == 2)
            #expect(received.filter { $0.0 == "analytics" }.count == 1)
            let history = try await env.database.read { db in try await outbox.history(on: db) }
            #expect(history.count == 2)
            #expect(try history[0].decode(ThingHappened.self) == ThingHappened(number: 1))
        }
    }

    @Test(
        "two relays in two processes deliver 300 events without a duplicate or a loss", arguments: TestBackend.allCases)
    func competingRelays(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            try await Self.createInbox(env.database)
            let subscribers = [Self.recorder("ledger"), Self.recorder("analytics")]
            let outbox = Outbox(subscribers: subscribers, clock: env.clock.wallClock, ids: env.ids)
            for batch in 0..<30 {
                try await env.database.inTransaction { db in
                    for index in 0..<10 { try await outbox.append(ThingHappened(number: batch * 10 + index), on: db) }
                }
            }
            let other = try await env.openAnotherPool()
            let relays = [
                OutboxRelay(database: env.database, outbox: outbox),
                OutboxRelay(
                    database: other, outbox: Outbox(subscribers: subscribers, clock: env.clock.wallClock, ids: env.ids)),
            ]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for relay in relays {
                    group.addTask { while try await relay.deliverDue(limit: 25) > 0 {} }
                }
                try await group.waitForAll()
            }
            let received = try await Self.received(env.database)
            #expect(received.count == 600)
            #expect(Set(received.map { "\($0.0)/\($0.1)" }).count == 600)
            await other.shutdown()
        }
    }

    @Test(
        "a delivery that failed mid-way is retried after back-off by a restarted relay, and lands once",
        arguments: TestBackend.allCases)
    func failedDeliveryRetriedAfterRestart(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            try await Self.createInbox(env.database)
            let attempts = Counter()
            let flaky = OutboxSubscriber(name: "ledger", eventTypes: nil) { event, db in
                // Writes, then fails: the write must vanish with the failed attempt.
                try await db.raw(
                    "INSERT INTO test_received (subscriber, event_id, type) VALUES ('ledger', \(bind: event.id.rawValue), 'x')"
                ).run()
                if await attempts.next() == 1 { throw TestFailure() }
            }
            let outbox = Outbox(subscribers: [flaky], clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in try await outbox.append(ThingHappened(number: 1), on: db) }

            #expect(try await OutboxRelay(database: env.database, outbox: outbox).deliverDue() == 1)
            #expect(try await Self.received(env.database).isEmpty)
            // A new relay (a restarted process) finds nothing due until the back-off has passed.
            let restarted = OutboxRelay(database: env.database, outbox: outbox)
            #expect(try await restarted.deliverDue() == 0)
            env.clock.advance(by: 10)
            #expect(try await restarted.deliverDue() == 1)
            #expect(try await Self.received(env.database).count == 1)
        }
    }

    @Test(
        "a subscriber that keeps failing is parked as dead and does not block others", arguments: TestBackend.allCases)
    func deadLetter(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            try await Self.createInbox(env.database)
            let broken = OutboxSubscriber(name: "broken", eventTypes: nil) { _, _ in throw TestFailure() }
            let outbox = Outbox(
                subscribers: [broken, Self.recorder("ledger")], clock: env.clock.wallClock, ids: env.ids)
            try await env.database.inTransaction { db in try await outbox.append(ThingHappened(number: 1), on: db) }
            var relay = OutboxRelay(database: env.database, outbox: outbox)
            relay.maxAttempts = 3
            for _ in 0..<3 {
                try await relay.deliverDue()
                env.clock.advance(by: 3600)
            }
            #expect(try await relay.deliverDue() == 0)
            #expect(try await Self.received(env.database).count == 1)
            let status = try await env.database.read { db in
                try await db.raw("SELECT status FROM outbox_deliveries WHERE subscriber = 'broken'")
                    .first(decodingColumn: "status", as: String.self)
            }
            #expect(status == "dead")
        }
    }
}

actor Counter {
    private var value = 0
    func next() -> Int {
        value += 1
        return value
    }
}
