import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import OpenAPIRuntime
import Testing
import TorvCore
import TorvHTTP

@Suite struct ProblemMiddlewareTests {
    /// An error nobody planned for, carrying something that must never reach a caller.
    struct Unforeseen: Error {
        var connection = "postgres://torv:hunter2@db.internal/torv"
    }

    static let refusal = OrderError(
        code: "out_of_stock", kind: .conflict, message: "SKU-1 is out of stock.",
        fieldErrors: [FieldError(pointer: "/lines/0/sku", message: "is out of stock", code: "out_of_stock")]
    )

    /// The errors an OpenAPI handler's failures arrive as; see `OpenAPIErrorTests` in the scratch package
    /// for the same cases through a real generated server.
    static func operationError(_ underlying: any Error, duringParsing: Bool) -> ServerError {
        ServerError(
            operationID: "placeOrder",
            request: HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/orders"),
            requestBody: nil,
            requestMetadata: ServerRequestMetadata(),
            operationInput: duringParsing ? nil : "decoded input",
            causeDescription: duringParsing
                ? "An error occurred while attempting to parse the request" : "User handler threw an error.",
            underlyingError: underlying
        )
    }

    static func app(logger: Logger = .quiet) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: RequestIDMiddleware(makeID: { "req-42" }))
        router.add(middleware: ProblemMiddleware())
        router.post("/orders") { request, context -> HTTPResponse.Status in
            // The context's decoder lets DecodingError through, so the problem can point at the field.
            _ = try await context.requestDecoder.decode(NewOrder.self, from: request, context: context)
            return .created
        }
        router.post("/orders/flattened") { request, context -> HTTPResponse.Status in
            _ = try await request.decode(as: NewOrder.self, context: context)
            return .created
        }
        router.post("/orders/huge") { request, context -> HTTPResponse.Status in
            _ = try await request.decode(as: NewOrder.self, context: context)
            return .created
        }
        router.get("/refused") { _, _ -> String in throw refusal }
        router.get("/crash") { _, _ -> String in throw Unforeseen() }
        router.get("/sign-in-first") { _, _ -> String in
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer"], message: "Sign in first.")
        }
        router.get("/broken") { _, _ -> String in
            throw HTTPError(.internalServerError, message: "connection to db.internal refused")
        }
        router.get("/operation/bad-body") { _, _ -> String in
            let decoding = try #require(throws: DecodingError.self) {
                try JSONDecoder().decode(NewOrder.self, from: Data(#"{"email":"a@b.c","lines":[{"sku":"S"}]}"#.utf8))
            }
            throw operationError(decoding, duringParsing: true)
        }
        router.get("/operation/refused") { _, _ -> String in throw operationError(refusal, duringParsing: false) }
        router.get("/operation/own-decoding") { _, _ -> String in
            let decoding = try #require(throws: DecodingError.self) {
                try JSONDecoder().decode(Int.self, from: Data(#""x""#.utf8))
            }
            throw operationError(decoding, duringParsing: false)
        }
        return Application(router: router, logger: logger)
    }

    static func postOrder(_ json: String, _ client: some TestClientProtocol) async throws -> TestResponse {
        try await client.execute(uri: "/orders", method: .post, headers: .json, body: ByteBuffer(string: json))
    }

    // MARK: Bodies

    @Test("a malformed JSON body answers 400 malformed_json as problem+json")
    func malformedJSON() async throws {
        try await Self.app().test(.router) { client in
            let response = try await Self.postOrder(#"{"email": "#, client)
            let problem = try response.problem()

            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(problem.code == "malformed_json")
            #expect(problem.errors?.first?.pointer == "")
            #expect(problem.instance == "urn:torv:request:req-42")
        }
    }

    @Test("a value of the wrong type answers 400 pointing into the array")
    func wrongType() async throws {
        try await Self.app().test(.router) { client in
            let response = try await Self.postOrder(
                #"{"email":"a@b.c","lines":[{"sku":"S","quantity":"two"}]}"#, client)
            let problem = try response.problem()

            #expect(response.status == .badRequest)
            #expect(problem.code == "validation_failed")
            #expect(
                problem.errors == [
                    FieldError(pointer: "/lines/0/quantity", message: "must be an integer", code: "invalid_type")
                ])
        }
    }

    @Test("a missing field answers 400 pointing where it should be")
    func missingField() async throws {
        try await Self.app().test(.router) { client in
            let response = try await Self.postOrder(#"{"lines":[]}"#, client)

            #expect(response.status == .badRequest)
            #expect(
                try response.problem().errors == [
                    FieldError(pointer: "/email", message: "is required", code: "required")
                ])
        }
    }

    @Test("request.decode(as:) has already flattened the error: still problem+json, but without a pointer")
    func flattenedDecoding() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(
                uri: "/orders/flattened", method: .post, headers: .json, body: ByteBuffer(string: #"{"lines":[]}"#)
            )
            let problem = try response.problem()

            #expect(response.status == .badRequest)
            #expect(problem.code == "bad_request")
            #expect(problem.errors == nil)
        }
    }

    @Test("a body over the context's maxUploadSize answers 413 as problem+json")
    func overUploadSize() async throws {
        try await Self.app().test(.router) { client in
            let body = ByteBuffer(repeating: UInt8(ascii: " "), count: 2 * 1024 * 1024 + 1)
            let response = try await client.execute(uri: "/orders/huge", method: .post, headers: .json, body: body)

            #expect(response.status == .contentTooLarge)
            #expect(try response.problem().code == "payload_too_large")
        }
    }

    // MARK: Routing

    @Test("an unknown route answers 404 as problem+json")
    func unknownRoute() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/no/such/thing", method: .get)
            let problem = try response.problem()

            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(problem.code == "not_found")
            #expect(problem.instance == "urn:torv:request:req-42")
        }
    }

    @Test("a known path with another method is a 404 too: Hummingbird 2 has no 405")
    func wrongMethod() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/orders", method: .delete)

            #expect(response.status == .notFound)
            #expect(try response.problem().code == "not_found")
        }
    }

    // MARK: Thrown errors

    @Test("a DomainError answers its kind's status with its code, message and field errors")
    func domainError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/refused", method: .get)
            let problem = try response.problem()

            #expect(response.status == .conflict)
            #expect(problem.code == "out_of_stock")
            #expect(problem.type == "urn:torv:problem:out_of_stock")
            #expect(problem.detail == "SKU-1 is out of stock.")
            #expect(problem.errors == Self.refusal.fieldErrors)
        }
    }

    @Test("an unexpected error answers 500 internal_error and leaks nothing")
    func unexpectedError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/crash", method: .get)
            let problem = try response.problem()

            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(problem.code == "internal_error")
            #expect(problem.instance == "urn:torv:request:req-42")
            #expect(!response.bodyText.contains("hunter2"))
            #expect(!response.bodyText.contains("Unforeseen"))
        }
    }

    @Test("the unexpected error is logged in full at error level, under the request ID")
    func unexpectedErrorIsLogged() async throws {
        let logs = LogRecorder()
        try await Self.app(logger: logs.logger()).test(.router) { client in
            _ = try await client.execute(uri: "/crash", method: .get)
        }

        let failure = try #require(logs.entries.first { $0.message == "Request failed" })
        #expect(failure.level == .error)
        #expect(failure.metadata["request_id"] == "req-42")
        #expect(failure.metadata["error"]?.contains("hunter2") == true)
    }

    @Test("a refusal is logged at debug, not as an error")
    func refusalIsQuiet() async throws {
        let logs = LogRecorder()
        try await Self.app(logger: logs.logger()).test(.router) { client in
            _ = try await client.execute(uri: "/refused", method: .get)
        }

        #expect(logs.entries.first { $0.message == "Request failed" }?.level == .debug)
    }

    @Test("a Hummingbird 4xx HTTPError keeps its status, message and headers")
    func httpClientError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/sign-in-first", method: .get)
            let problem = try response.problem()

            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(problem.code == "unauthorized")
            #expect(problem.detail == "Sign in first.")
        }
    }

    @Test("a Hummingbird 5xx HTTPError keeps its status but not its message")
    func httpServerError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/broken", method: .get)

            #expect(response.status == .internalServerError)
            #expect(try response.problem().code == "internal_error")
            #expect(!response.bodyText.contains("db.internal"))
        }
    }

    // MARK: OpenAPI ServerError

    @Test("a body DecodingError wrapped by the OpenAPI runtime answers 400 with the pointer")
    func operationBodyError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/operation/bad-body", method: .get)

            #expect(response.status == .badRequest)
            #expect(try response.problem().errors?.first?.pointer == "/lines/0/quantity")
        }
    }

    @Test("a DomainError thrown inside an OpenAPI handler keeps its own status")
    func operationDomainError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/operation/refused", method: .get)

            #expect(response.status == .conflict)
            #expect(try response.problem().code == "out_of_stock")
        }
    }

    @Test("a DecodingError from a handler's own work is our fault: 500, not 400")
    func operationInternalDecodingError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/operation/own-decoding", method: .get)

            #expect(response.status == .internalServerError)
            #expect(try response.problem().code == "internal_error")
        }
    }
}
