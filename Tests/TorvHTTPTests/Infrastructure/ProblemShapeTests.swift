import Foundation
import HTTPTypes
import Hummingbird
import Testing
import TorvCore
import TorvHTTP

@Suite struct ProblemShapeTests {
    @Test(
        "a domain error's kind picks the status",
        arguments: [
            (ErrorKind.invalid, 400, "Bad Request"), (.unauthenticated, 401, "Unauthorized"),
            (.forbidden, 403, "Forbidden"), (.notFound, 404, "Not Found"), (.conflict, 409, "Conflict"),
            (.unprocessable, 422, "Unprocessable Content"), (.rateLimited, 429, "Too Many Requests"),
            (.unavailable, 503, "Service Unavailable"),
        ]
    )
    func kindToStatus(kind: ErrorKind, status: Int, title: String) {
        let problem = Problem(OrderError(code: "some_reason", kind: kind, message: "Because."))

        #expect(problem.status.code == status)
        #expect(problem.code == "some_reason")
        #expect(problem.type == "urn:torv:problem:some_reason")
        #expect(problem.detail == "Because.")
        #expect(problem.title == title)
    }

    @Test("a domain error's field errors become errors[], and none becomes no member at all")
    func fieldErrors() throws {
        let pointed = FieldError(pointer: "/email", message: "is not an e-mail address", code: "invalid_email")
        let withFields = Problem(
            OrderError(code: "validation_failed", kind: .invalid, message: "1 field.", fieldErrors: [pointed]))
        let without = Problem(OrderError(code: "out_of_stock", kind: .conflict, message: "Gone."))

        #expect(withFields.errors == [pointed])
        #expect(without.errors == nil)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(without)) as? [String: Any]
        #expect(json?["errors"] == nil)
    }

    @Test("the wire form has the RFC 9457 members and never Retry-After")
    func wireForm() throws {
        var problem = Problem.rateLimited(retryAfter: 7)
        problem.instance = Problem.instance(forRequestID: "abc")

        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(problem)) as? [String: Any])

        #expect(Set(json.keys) == ["type", "title", "status", "code", "detail", "instance"])
        #expect(json["status"] as? Int == 429)
        #expect(json["instance"] as? String == "urn:torv:request:abc")
    }

    @Test("a problem decodes back to itself, less the Retry-After it never carried")
    func roundTrip() throws {
        let problem = Problem.badRequest(
            code: "validation_failed", detail: "1 field is invalid.",
            errors: [FieldError(pointer: "/lines/0/quantity", message: "is required", code: "required")]
        )

        let decoded = try JSONDecoder().decode(Problem.self, from: JSONEncoder().encode(problem))

        #expect(decoded == problem)
        #expect(decoded.status.reasonPhrase == "Bad Request")
    }

    @Test("a status known only by its number still gets its standard title and code")
    func bareStatus() {
        let problem = Problem.status(HTTPResponse.Status(code: 415))

        #expect(problem.title == "Unsupported Media Type")
        #expect(problem.code == "unsupported_media_type")
        #expect(problem.response().status.reasonPhrase == "Unsupported Media Type")
    }

    @Test("the response is problem+json with Retry-After when there is one")
    func response() {
        let response = Problem.rateLimited(retryAfter: 3).response()

        #expect(response.status == .tooManyRequests)
        #expect(response.headers[.contentType] == "application/problem+json")
        #expect(response.headers[.retryAfter] == "3")
        #expect(Problem.notFound().response().headers[.retryAfter] == nil)
    }

    @Test("Retry-After is never below one second")
    func retryAfterFloor() {
        #expect(Problem.rateLimited(retryAfter: 0).retryAfter == 1)
    }

    @Test("the internal error says nothing but how to report it")
    func internalError() {
        let problem = Problem.internal(requestID: "req-9")

        #expect(problem.status == .internalServerError)
        #expect(problem.code == "internal_error")
        #expect(problem.instance == "urn:torv:request:req-9")
    }

    @Test("a payload too large names the limit")
    func payloadTooLarge() {
        let problem = Problem.payloadTooLarge(limit: 1024)

        #expect(problem.status.code == 413)
        #expect(problem.code == "payload_too_large")
        #expect(problem.detail.contains("1024 bytes"))
    }
}
