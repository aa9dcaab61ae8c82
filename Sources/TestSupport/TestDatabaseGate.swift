/// Bounds how many PostgreSQL test databases are open at once. Swift Testing starts every test of the
/// suite concurrently, and each database has a pool of its own: with the commerce suites that went
/// past the throwaway cluster's `max_connections` (300), and the pools had to retry their connects.
actor TestDatabaseGate {
    static let postgres = TestDatabaseGate(permits: 16)

    private var permits: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) {
        self.permits = permits
    }

    func acquire() async {
        if permits > 0 {
            permits -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            permits += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `body` holding one permit.
    func withPermit<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
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
