import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import TorvCore
import TorvHTTP

/// Log lines kept in memory, so tests can check what an operator would see.
final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let storage = Mutex<[Entry]>([])

    var entries: [Entry] { storage.withLock { $0 } }

    func record(_ entry: Entry) {
        storage.withLock { $0.append(entry) }
    }

    /// A logger writing here, at `.trace` so tests see every line.
    func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in RecordingLogHandler(recorder: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        recorder.record(
            .init(level: event.level, message: event.message.description, metadata: merged.mapValues(\.description))
        )
    }
}

/// A `ContinuousClock` stand-in that moves only when a test says so; the rate limiter reads it instead of
/// sleeping. (TorvCore's `ManualClock` is for wall-clock `Date`s.)
final class ManualInstantClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}

/// A domain error as a module would define one.
struct OrderError: DomainError {
    var code: String
    var kind: ErrorKind
    var message: String
    var fieldErrors: [FieldError] = []
}

/// A body for the hand-written routes, shaped like an order.
struct NewOrder: Decodable {
    struct Line: Decodable {
        var sku: String
        var quantity: Int
    }

    var email: String
    var lines: [Line]
}

extension TestResponse {
    /// The body decoded as a problem; fails the test if it is not one.
    func problem() throws -> Problem {
        try JSONDecoder().decode(Problem.self, from: Data(body.readableBytesView))
    }

    var bodyText: String { String(decoding: body.readableBytesView, as: UTF8.self) }
}

extension HTTPFields {
    static let json: HTTPFields = [.contentType: "application/json"]
}

/// A request context that knows the peer's address, as the application's own context will; only a live
/// server (`.live`) has a peer, the router test client has none.
struct AddressedContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}

extension Logger {
    /// For tests that do not look at logs: keeps expected error lines out of the test output.
    static let quiet = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
}
