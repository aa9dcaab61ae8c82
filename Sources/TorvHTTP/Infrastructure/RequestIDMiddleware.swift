import Foundation
public import HTTPTypes
public import Hummingbird
import Logging

extension HTTPField.Name {
    /// `X-Request-ID`: the ID a request is known by in our logs, our problems and the caller's bug report.
    public static let requestID = HTTPField.Name("X-Request-ID")!
}

/// Gives every request an ID and one access-log line.
///
/// - Reuses the caller's `X-Request-ID` when it is 1–64 characters of `[A-Za-z0-9._-]`, so a request can be
///   followed across a proxy or from a client's own logs; anything else is replaced, because the value goes
///   into logs and headers verbatim and must not be able to forge log lines or carry markup.
/// - Echoes the ID in the response's `X-Request-ID`, puts it in `context.logger` as `request_id`, and binds
///   `RequestInfo.requestID` / `RequestInfo.clientAddress` for code below that has no context.
/// - Logs `method`, `path` (never the query string: it may hold tokens), `status` and `duration_ms` at
///   `.info` when the response is ready. The duration excludes streaming the body.
///
/// Add it first, outside `ProblemMiddleware`, so problems carry the ID and the log line shows their status.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    let makeID: @Sendable () -> String

    /// - Parameter makeID: mints an ID when the caller sent no usable one; random by default, fixed in tests.
    public init(makeID: @escaping @Sendable () -> String = RequestIDMiddleware.randomID) {
        self.makeID = makeID
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let requestID = request.headers[.requestID].flatMap(Self.acceptedID) ?? makeID()
        let address = clientAddress(of: context)
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)

        let clock = ContinuousClock()
        let start = clock.now
        do {
            var response = try await RequestInfo.$requestID.withValue(requestID) {
                try await RequestInfo.$clientAddress.withValue(address) {
                    try await next(request, context)
                }
            }
            response.headers[.requestID] = requestID
            logCompletion(of: request, status: response.status, after: start.duration(to: clock.now), context)
            return response
        } catch {
            // Only reached without a ProblemMiddleware below; Hummingbird will answer with the error's status.
            let status = (error as? any HTTPResponseError)?.status ?? .internalServerError
            logCompletion(of: request, status: status, after: start.duration(to: clock.now), context)
            throw error
        }
    }

    private func logCompletion(
        of request: Request, status: HTTPResponse.Status, after duration: Duration, _ context: Context
    ) {
        let milliseconds =
            Double(duration.components.seconds) * 1_000
            + Double(duration.components.attoseconds) / 1_000_000_000_000_000
        context.logger.info(
            "Request completed",
            metadata: [
                "method": .string(request.method.rawValue),
                "path": .string(request.uri.path),
                "status": .stringConvertible(status.code),
                "duration_ms": .stringConvertible((milliseconds * 10).rounded() / 10),
            ]
        )
    }

    /// The caller's ID if it is safe to reuse as is.
    static func acceptedID(_ candidate: String) -> String? {
        guard (1...64).contains(candidate.utf8.count) else { return nil }
        let isAllowed = candidate.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default:
                false
            }
        }
        return isAllowed ? candidate : nil
    }

    /// 128 random bits as 22 URL-safe base64 characters: unguessable, so an ID handed to a caller reveals
    /// nothing about traffic volume, and short enough to read out on a support call.
    @Sendable public static func randomID() -> String {
        // Two 64-bit draws, not sixteen byte draws: each draw is a `getrandom` call, and this runs on
        // every request.
        var generator = SystemRandomNumberGenerator()
        let words: [UInt64] = [generator.next(), generator.next()]
        let bytes = words.withUnsafeBytes { Array($0) }
        return String(unsafeUninitializedCapacity: 22) { out in
            var written = 0
            var accumulator: UInt32 = 0
            var pending = 0
            for byte in bytes {
                accumulator = accumulator << 8 | UInt32(byte)
                pending += 8
                while pending >= 6 {
                    pending -= 6
                    out[written] = urlSafeAlphabet[Int(accumulator >> UInt32(pending) & 63)]
                    written += 1
                }
            }
            if pending > 0 {
                out[written] = urlSafeAlphabet[Int(accumulator << UInt32(6 - pending) & 63)]
                written += 1
            }
            return written
        }
    }
}

private let urlSafeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
