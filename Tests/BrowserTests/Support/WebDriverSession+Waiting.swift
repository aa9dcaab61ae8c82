public import Foundation

extension WebDriverSession {
    /// Polls `condition` until it returns true or `timeout` passes. Runs on the caller's executor
    /// (`nonisolated(nonsending)`) so the closure may capture the caller's non-Sendable state.
    nonisolated(nonsending) public func waitUntil(
        _ what: String = "condition", timeout: Duration? = nil, pollInterval: Duration = .milliseconds(100),
        condition: () async throws -> Bool
    ) async throws {
        let limit: Duration
        if let timeout { limit = timeout } else { limit = await defaultTimeout }
        let deadline = ContinuousClock.now.advanced(by: limit)
        while true {
            if try await condition() { return }
            guard ContinuousClock.now < deadline else { throw WebDriverError.timedOut(what: what, after: limit) }
            try await Task.sleep(for: pollInterval)
        }
    }

    /// Waits for a navigation to land on a URL satisfying `predicate`, e.g. after submitting a form.
    public func waitForURL(
        _ what: String = "URL change", timeout: Duration? = nil, where predicate: @Sendable (URL) -> Bool
    ) async throws {
        try await waitUntil(what, timeout: timeout) {
            predicate(try await currentURL())
        }
    }
}
