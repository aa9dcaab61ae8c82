import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import TorvCore
import TorvHTTP

@Suite struct RequestIDMiddlewareTests {
    /// What a route below the middleware can see of the request ID.
    struct Seen: ResponseEncodable {
        var taskLocal: String?
        var loggerMetadata: String?
    }

    static func app(logger: Logger = .quiet) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware(makeID: { "minted-id" }))
        router.add(middleware: ProblemMiddleware())
        router.get("/seen") { _, context in
            Seen(
                taskLocal: RequestInfo.requestID, loggerMetadata: context.logger[metadataKey: "request_id"]?.description
            )
        }
        router.get("/refused") { _, _ -> String in
            throw OrderError(code: "out_of_stock", kind: .conflict, message: "Gone.")
        }
        return Application(router: router, logger: logger)
    }

    @Test(
        "a well-formed incoming X-Request-ID is reused and echoed",
        arguments: ["abc", "A-b_c.9", String(repeating: "x", count: 64), "01HZX3Q5R2Y7"]
    )
    func reusesIncoming(id: String) async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/seen", method: .get, headers: [.requestID: id])

            #expect(response.headers[.requestID] == id)
        }
    }

    @Test(
        "an unusable incoming X-Request-ID is replaced",
        arguments: [
            "", String(repeating: "x", count: 65), "has space", "line\u{0}break", "<script>", "a/b", "é", "id;drop",
        ]
    )
    func replacesUnusable(id: String) async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/seen", method: .get, headers: [.requestID: id])

            #expect(response.headers[.requestID] == "minted-id")
        }
    }

    @Test("a request without an ID gets one, echoed in the response")
    func mintsWhenMissing() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/seen", method: .get)

            #expect(response.headers[.requestID] == "minted-id")
        }
    }

    @Test("code below sees the ID through RequestInfo and the logger's request_id")
    func visibleBelow() async throws {
        // A logger that keeps metadata; the quiet one drops it.
        try await Self.app(logger: LogRecorder().logger()).test(.router) { client in
            let response = try await client.execute(uri: "/seen", method: .get, headers: [.requestID: "from-client"])

            #expect(response.bodyText.contains(#""taskLocal":"from-client""#))
            #expect(response.bodyText.contains(#""loggerMetadata":"from-client""#))
        }
        #expect(RequestInfo.requestID == nil)
    }

    @Test("problems carry the ID in the header and in instance")
    func problemsCarryID() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/refused", method: .get, headers: [.requestID: "r-1"])

            #expect(response.headers[.requestID] == "r-1")
            #expect(try response.problem().instance == "urn:torv:request:r-1")
        }
    }

    @Test("one info line per request with method, path, status and duration; never the query string")
    func accessLog() async throws {
        let logs = LogRecorder()
        try await Self.app(logger: logs.logger()).test(.router) { client in
            _ = try await client.execute(uri: "/refused?token=secret", method: .get, headers: [.requestID: "r-2"])
        }

        let lines = logs.entries.filter { $0.message == "Request completed" }
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.level == .info)
        #expect(line.metadata["method"] == "GET")
        #expect(line.metadata["path"] == "/refused")
        #expect(line.metadata["status"] == "409")
        #expect(line.metadata["request_id"] == "r-2")
        #expect(line.metadata["duration_ms"].flatMap(Double.init) != nil)
        #expect(!logs.entries.contains { $0.metadata.values.contains { $0.contains("secret") } })
    }

    @Test("the peer's address reaches RequestInfo.clientAddress")
    func clientAddress() async throws {
        let router = Router(context: AddressedContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.get("/address") { _, _ in RequestInfo.clientAddress ?? "none" }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)

        try await app.test(.live) { client in
            let response = try await client.execute(uri: "/address", method: .get)

            #expect(response.bodyText == "127.0.0.1")
        }
    }

    @Test("minted IDs are 22 URL-safe characters and differ every time")
    func randomIDs() {
        let ids = (0..<100).map { _ in RequestIDMiddleware<BasicRequestContext>.randomID() }

        #expect(Set(ids).count == 100)
        for id in ids {
            #expect(id.count == 22)
            #expect(id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        }
    }
}
