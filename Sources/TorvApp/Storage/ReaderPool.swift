import Synchronization

/// Lends each of `count` reader connections to one task at a time.
///
/// A SQLite connection keeps one read snapshot while any of its statements is stepping, and a statement
/// that starts meanwhile joins that older snapshot. Shared round-robin readers therefore let a read
/// that began before a commit hide the commit from a later read on the same connection: a customer who
/// had just registered could not sign in (seen in the 100k soak). Lending a connection exclusively
/// makes every read start its own snapshot.
///
/// A read inside a read (same task or its child tasks) reuses the connection its task already holds,
/// so nesting can never wait for itself.
final class ReaderPool: Sendable {
    private struct State {
        var free: [Int]
        var waiters: [CheckedContinuation<Int, Never>] = []
    }

    @TaskLocal private static var held: [ObjectIdentifier: Int] = [:]

    private let state: Mutex<State>

    init(count: Int) {
        precondition(count > 0, "a reader pool needs at least one connection")
        state = Mutex(State(free: Array((0..<count).reversed())))
    }

    /// Runs `body` with the index of a connection nobody else uses until it returns.
    func withReader<R: Sendable>(_ body: (Int) async throws -> R) async throws -> R {
        let key = ObjectIdentifier(self)
        if let index = Self.held[key] { return try await body(index) }
        let index = await acquire()
        defer { release(index) }
        var held = Self.held
        held[key] = index
        return try await Self.$held.withValue(held) { try await body(index) }
    }

    private func acquire() async -> Int {
        if let index = state.withLock({ $0.free.popLast() }) { return index }
        return await withCheckedContinuation { continuation in
            let index: Int? = state.withLock { state in
                if let index = state.free.popLast() { return index }
                state.waiters.append(continuation)
                return nil
            }
            if let index { continuation.resume(returning: index) }
        }
    }

    private func release(_ index: Int) {
        let waiter: CheckedContinuation<Int, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.free.append(index)
                return nil
            }
            return state.waiters.removeFirst()
        }
        waiter?.resume(returning: index)
    }
}
