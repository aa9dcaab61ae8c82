public import Hummingbird

/// Refuses request bodies larger than `maxBytes` with 413 `payload_too_large` problem+json.
///
/// Two checks, because a body's size is known up front only sometimes:
/// - a `Content-Length` above the limit is refused before a byte of the body is read;
/// - a body without one (chunked) is passed on wrapped in `LimitedRequestBody`, which throws the 413
///   `Problem` from the read that crosses the limit, so at most `maxBytes` plus one chunk is ever buffered.
///   The error surfaces wherever the body is read (a route, Hummingbird's decoder, the OpenAPI runtime,
///   which wraps it in `ServerError`) and `ProblemMiddleware` renders it.
///
/// Hummingbird's own `maxUploadSize` (2 MiB by default) still bounds `request.decode`; this limit covers
/// every reader, streaming ones included.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    public let maxBytes: Int

    public init(maxBytes: Int) {
        precondition(maxBytes >= 0, "A body limit cannot be negative")
        self.maxBytes = maxBytes
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if let declared = request.headers[.contentLength] {
            // NIO's HTTP/1 parser already refuses a malformed Content-Length; this guards other transports.
            guard let length = Int(declared), length >= 0 else {
                throw Problem.badRequest(
                    code: "invalid_content_length", detail: "The Content-Length header is not a length.")
            }
            guard length <= maxBytes else {
                throw Problem.payloadTooLarge(limit: maxBytes)
            }
        }
        // Wrapped even when Content-Length fits: the limit should not depend on the transport enforcing
        // the declared length.
        var request = request
        request.body = RequestBody(asyncSequence: LimitedRequestBody(request.body, maxBytes: maxBytes))
        return try await next(request, context)
    }
}

/// A request body that throws `Problem.payloadTooLarge` from the read that takes it past `maxBytes`.
struct LimitedRequestBody: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let base: RequestBody
    let maxBytes: Int

    init(_ base: RequestBody, maxBytes: Int) {
        self.base = base
        self.maxBytes = maxBytes
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RequestBody.AsyncIterator
        let maxBytes: Int
        var bytesRead = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else { return nil }
            bytesRead += buffer.readableBytes
            guard bytesRead <= maxBytes else {
                throw Problem.payloadTooLarge(limit: maxBytes)
            }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), maxBytes: maxBytes)
    }
}
