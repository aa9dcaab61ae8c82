import Synchronization

/// Account codes seen in the chart. Accounts are never deleted, so a code once found stays valid for
/// the ledger's database and this cache needs no invalidation; an unknown code is always read afresh
/// (another instance may have just created it).
final class KnownAccounts: Sendable {
    private let codes = Mutex<Set<String>>([])

    /// The subset of `wanted` that exists, reading only the codes not yet known.
    func lookUp(
        _ wanted: Set<String>, reading: (Set<String>) async throws -> Set<String>
    ) async throws -> Set<String> {
        let missing = codes.withLock { wanted.subtracting($0) }
        guard !missing.isEmpty else { return wanted }
        let found = try await reading(missing)
        codes.withLock { $0.formUnion(found) }
        return wanted.subtracting(missing).union(found)
    }
}
