import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import TorvHTTP

@Suite struct BodyLimitMiddlewareTests {
    /// Makes a request look chunked: the router test client always sends a Content-Length.
    struct ForgetContentLength<Context: RequestContext>: RouterMiddleware {
        func handle(
            _ request: Request, context: Context, next: (Request, Context) async throws -> Response
        ) async throws -> Response {
            var head = request.head
            head.headerFields[.contentLength] = nil
            return try await next(Request(head: head, body: request.body), context)
        }
    }

    /// Counts the bytes the route managed to read before the body stopped it.
    final class Reads: Sendable {
        let bytes = Mutex(0)
        let routeEntered = Mutex(false)
    }

    static func app(limit: Int, chunked: Bool, reads: Reads = Reads()) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        if chunked { router.add(middleware: ForgetContentLength()) }
        router.add(middleware: BodyLimitMiddleware(maxBytes: limit))
        router.post("/uploads") { request, _ -> String in
            reads.routeEntered.withLock { $0 = true }
            for try await buffer in request.body {
                reads.bytes.withLock { $0 += buffer.readableBytes }
            }
            return "stored"
        }
        return Application(router: router, logger: .quiet)
    }

    static func body(_ size: Int) -> ByteBuffer {
        ByteBuffer(repeating: UInt8(ascii: "x"), count: size)
    }

    @Test("a Content-Length over the limit is refused with 413 before the route runs")
    func declaredTooLarge() async throws {
        let reads = Reads()
        try await Self.app(limit: 1_000, chunked: false, reads: reads).test(.router) { client in
            let response = try await client.execute(uri: "/uploads", method: .post, body: Self.body(1_001))
            let problem = try response.problem()

            #expect(response.status == .contentTooLarge)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(problem.code == "payload_too_large")
        }
        #expect(reads.routeEntered.withLock { $0 } == false)
    }

    @Test("a body of exactly the limit is accepted")
    func exactlyTheLimit() async throws {
        try await Self.app(limit: 1_000, chunked: false).test(.router) { client in
            let response = try await client.execute(uri: "/uploads", method: .post, body: Self.body(1_000))

            #expect(response.status == .ok)
        }
    }

    @Test("a chunked body is stopped with 413 once it passes the limit, without reading the rest")
    func chunkedTooLarge() async throws {
        let reads = Reads()
        // The test client delivers the body in 32 KiB chunks.
        try await Self.app(limit: 40_000, chunked: true, reads: reads).test(.router) { client in
            let response = try await client.execute(uri: "/uploads", method: .post, body: Self.body(200_000))

            #expect(response.status == .contentTooLarge)
            #expect(try response.problem().code == "payload_too_large")
        }
        // The route saw the first 32 KiB chunk; the read of the second threw instead of returning it.
        #expect(reads.routeEntered.withLock { $0 } == true)
        #expect(reads.bytes.withLock { $0 } == 32_768)
    }

    @Test("a chunked body under the limit reaches the route whole")
    func chunkedWithinLimit() async throws {
        let reads = Reads()
        try await Self.app(limit: 100_000, chunked: true, reads: reads).test(.router) { client in
            let response = try await client.execute(uri: "/uploads", method: .post, body: Self.body(70_000))

            #expect(response.status == .ok)
        }
        #expect(reads.bytes.withLock { $0 } == 70_000)
    }

    @Test("a request without a body passes")
    func noBody() async throws {
        try await Self.app(limit: 10, chunked: true).test(.router) { client in
            let response = try await client.execute(uri: "/uploads", method: .post)

            #expect(response.status == .ok)
        }
    }
}
