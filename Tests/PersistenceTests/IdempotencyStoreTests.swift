import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Idempotency keys")
struct IdempotencyStoreTests {
    @Test("of 32 racing requests with one key exactly one proceeds", arguments: TestBackend.allCases)
    func racingDuplicates(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let store = IdempotencyStore(clock: env.clock.wallClock)
            let decisions = try await withThrowingTaskGroup(of: IdempotencyDecision.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        try await store.begin(scope: "customer:1", key: "k1", fingerprint: "f", in: env.database)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(decisions.filter { $0 == .proceed }.count == 1)
            #expect(decisions.filter { $0 == .inFlight }.count == 31)
        }
    }

    @Test("a completed key replays its response; another body with it is refused", arguments: TestBackend.allCases)
    func replayAndMismatch(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let store = IdempotencyStore(clock: env.clock.wallClock)
            #expect(try await store.begin(scope: "s", key: "k", fingerprint: "a", in: env.database) == .proceed)
            let response = StoredResponse(status: 201, contentType: "application/json", body: #"{"id":"x"}"#)
            try await store.complete(scope: "s", key: "k", response: response, in: env.database)
            #expect(
                try await store.begin(scope: "s", key: "k", fingerprint: "a", in: env.database) == .replay(response))
            #expect(try await store.begin(scope: "s", key: "k", fingerprint: "b", in: env.database) == .mismatch)
            // Keys are per scope: another principal may use the same key.
            #expect(try await store.begin(scope: "other", key: "k", fingerprint: "b", in: env.database) == .proceed)
        }
    }

    @Test("an abandoned key, a dead holder's key and an expired key may be used again", arguments: TestBackend.allCases)
    func releaseTakeoverExpiry(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let store = IdempotencyStore(clock: env.clock.wallClock)
            #expect(try await store.begin(scope: "s", key: "a", fingerprint: "f", in: env.database) == .proceed)
            try await store.abandon(scope: "s", key: "a", in: env.database)
            #expect(try await store.begin(scope: "s", key: "a", fingerprint: "f", in: env.database) == .proceed)

            #expect(try await store.begin(scope: "s", key: "b", fingerprint: "f", in: env.database) == .proceed)
            #expect(try await store.begin(scope: "s", key: "b", fingerprint: "f", in: env.database) == .inFlight)
            env.clock.advance(by: 61)
            #expect(try await store.begin(scope: "s", key: "b", fingerprint: "f", in: env.database) == .proceed)

            let response = StoredResponse(status: 200, contentType: nil, body: "")
            try await store.complete(scope: "s", key: "b", response: response, in: env.database)
            env.clock.advance(by: 23 * 3600)
            #expect(
                try await store.begin(scope: "s", key: "b", fingerprint: "f", in: env.database) == .replay(response))
            env.clock.advance(by: 2 * 3600)
            #expect(try await store.purgeExpired(in: env.database) >= 1)
            #expect(try await store.begin(scope: "s", key: "b", fingerprint: "g", in: env.database) == .proceed)
        }
    }
}
