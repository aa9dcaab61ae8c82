public import Foundation
public import TorvCore

public enum JobPrefix: IDPrefix { public static let prefix = "job" }
public typealias JobID = TypedID<JobPrefix>

/// A job claimed by one worker, with its lease.
public struct ClaimedJob: Sendable, Hashable {
    public let id: JobID
    public let kind: String
    /// JSON written by whoever enqueued the job.
    public let payload: Data
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
    public let leaseExpiresAt: Date

    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: payload)
    }
}

/// Runs jobs of one `kind`. Handlers must be idempotent: a job whose worker died mid-run is run
/// again once its lease expires.
public struct JobHandler: Sendable {
    public let kind: String
    public let run: @Sendable (ClaimedJob) async throws -> Void

    public init(kind: String, run: @escaping @Sendable (ClaimedJob) async throws -> Void) {
        self.kind = kind
        self.run = run
    }
}
