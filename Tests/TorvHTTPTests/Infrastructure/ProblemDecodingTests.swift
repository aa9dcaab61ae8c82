import Foundation
import HTTPTypes
import Testing
import TorvCore
import TorvHTTP

/// Decoding failures, produced by the real `JSONDecoder`, as the field errors a client sees.
@Suite struct ProblemDecodingTests {
    func problem(for json: String) throws -> Problem {
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(NewOrder.self, from: Data(json.utf8))
        }
        return Problem(decoding: error)
    }

    @Test("text that is not JSON is malformed_json, pointing at the whole document")
    func notJSON() throws {
        let problem = try problem(for: #"{"email": "#)

        #expect(problem.status == .badRequest)
        #expect(problem.code == "malformed_json")
        #expect(problem.errors == [FieldError(pointer: "", message: "is not valid JSON", code: "malformed_json")])
    }

    @Test("an empty body is malformed_json too")
    func emptyBody() throws {
        #expect(try problem(for: "").code == "malformed_json")
    }

    @Test(
        "each failure names its field and says what was expected",
        arguments: [
            (#"{"lines": []}"#, "/email", "is required", "required"),
            (#"{"email": 42, "lines": []}"#, "/email", "must be a string", "invalid_type"),
            (#"{"email": "a@b.c", "lines": {}}"#, "/lines", "must be an array", "invalid_type"),
            (
                #"{"email": "a@b.c", "lines": [{"sku": "S", "quantity": "two"}]}"#, "/lines/0/quantity",
                "must be an integer", "invalid_type"
            ),
            (
                #"{"email": "a@b.c", "lines": [{"sku": "S", "quantity": 1}, {"sku": "T"}]}"#, "/lines/1/quantity",
                "is required", "required"
            ),
            (#"{"email": null, "lines": []}"#, "/email", "must not be null", "required"),
            (#"[]"#, "", "must be an object", "invalid_type"),
        ]
    )
    func fieldFailures(json: String, pointer: String, message: String, code: String) throws {
        let problem = try problem(for: json)

        #expect(problem.status == .badRequest)
        #expect(problem.code == "validation_failed")
        #expect(problem.errors == [FieldError(pointer: pointer, message: message, code: code)])
    }

    @Test("the detail repeats the one field in words")
    func detail() throws {
        let problem = try problem(for: #"{"email": "a@b.c", "lines": [{"sku": "S"}]}"#)

        #expect(problem.detail == "1 field is invalid: /lines/0/quantity is required.")
    }

    @Test("keys holding / or ~ are escaped as RFC 6901 says")
    func pointerEscaping() throws {
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode([String: Int].self, from: Data(#"{"a/b~c": "x"}"#.utf8))
        }

        #expect(Problem(decoding: error).errors?.first?.pointer == "/a~1b~0c")
    }

    @Test("Swift type names never reach the caller")
    func noSwiftNames() throws {
        let problem = try problem(for: #"{"email": "a@b.c", "lines": [{"sku": 1, "quantity": 1}]}"#)
        let wire = String(decoding: try JSONEncoder().encode(problem), as: UTF8.self)

        #expect(!wire.contains("Line"))
        #expect(!wire.contains("CodingKeys"))
        #expect(!wire.contains("Swift"))
    }
}
