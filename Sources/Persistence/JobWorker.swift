public import Foundation
public import Logging
import Metrics
public import ServiceLifecycle
import TorvCore

/// Claims and runs jobs until shutdown. One per process; processes coordinate through the table.
public struct JobWorker: Service {
    public let id: String
    let database: Database
    let queue: JobQueue
    let handlers: [String: JobHandler]
    let logger: Logger
    public var pollInterval: Duration
    public var lease: TimeInterval
    public var batchSize: Int

    public init(
        id: String = "worker-\(UUID().uuidString.prefix(8).lowercased())", database: Database, queue: JobQueue,
        handlers: [JobHandler], logger: Logger = Logger(label: "torv.jobs"),
        pollInterval: Duration = .milliseconds(500), lease: TimeInterval = 300, batchSize: Int = 10
    ) {
        self.id = id
        self.database = database
        self.queue = queue
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ($0.kind, $0) })
        self.logger = logger
        self.pollInterval = pollInterval
        self.lease = lease
        self.batchSize = batchSize
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let ran: Int
                do {
                    ran = try await runDue()
                } catch {
                    logger.error("job worker pass failed", metadata: ["error": "\(error)"])
                    ran = 0
                }
                if ran == 0 {
                    try? await Task.sleep(for: pollInterval)
                }
            }
        }
    }

    /// Claims one batch of due jobs and runs them; returns how many ran. Public so tests and
    /// `torv jobs run` can drive the queue without timers.
    @discardableResult
    public func runDue() async throws -> Int {
        let jobs = try await queue.claim(
            kinds: Array(handlers.keys), worker: id, limit: batchSize, lease: lease, in: database)
        for job in jobs {
            var logger = self.logger
            logger[metadataKey: "job_id"] = "\(job.id)"
            logger[metadataKey: "job_kind"] = "\(job.kind)"
            guard let handler = handlers[job.kind] else { continue }
            do {
                try await handler.run(job)
                if try await !queue.complete(job, worker: id, in: database) {
                    logger.warning("job finished after its lease expired")
                }
                Counter(label: "torv_jobs_completed_total", dimensions: [("kind", job.kind)]).increment()
            } catch {
                logger.warning("job failed", metadata: ["attempt": "\(job.attempt)", "error": "\(error)"])
                try await queue.fail(job, worker: id, error: String(describing: error), in: database)
                Counter(label: "torv_jobs_failed_total", dimensions: [("kind", job.kind)]).increment()
            }
        }
        return jobs.count
    }
}
