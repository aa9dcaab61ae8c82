import Foundation
import Persistence
import SQLKit
import TorvCore

extension Optional where Wrapped == Date {
    var epochMicroseconds: Int64? { self?.epochMicroseconds }
}

/// Splits long `IN (…)` lists: PostgreSQL takes at most 65,535 parameters per statement.
func inChunks<T: Sendable, R>(_ values: [T], of size: Int = 500, _ body: ([T]) async throws -> [R]) async throws -> [R]
{
    var results: [R] = []
    var start = 0
    while start < values.count {
        let end = min(start + size, values.count)
        results += try await body(Array(values[start..<end]))
        start = end
    }
    return results
}
