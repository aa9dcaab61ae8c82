/// A first-in, first-out async lock: one holder at a time, waiters resumed in arrival order.
///
/// SQLite has one writer. Serialising write transactions in-process here, before `BEGIN IMMEDIATE`,
/// turns contention into a fair queue instead of "database is locked" errors (ARCHITECTURE.md).
actor WriteGate {
    private var held = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !held {
            held = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            held = false
        } else {
            // Ownership passes straight to the next waiter; `held` stays true.
            waiters.removeFirst().resume()
        }
    }

    func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }
}
