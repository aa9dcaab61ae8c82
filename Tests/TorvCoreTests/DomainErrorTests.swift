import Foundation
import Testing
import TorvCore

@Suite struct DomainErrorTests {
    @Test(
        "every error has a stable snake_case code, a kind and a message",
        arguments: [
            (MoneyError.currencyMismatch(.eur, .usd) as any DomainError, "currency_mismatch", ErrorKind.unprocessable),
            (MoneyError.overflow, "amount_overflow", .unprocessable),
            (MoneyError.invalidAmount("\"x\" is not a plain decimal number"), "invalid_amount", .invalid),
            (MoneyError.invalidAllocation("at least one ratio is needed"), "invalid_allocation", .invalid),
            (IDError.malformed("prod_x"), "malformed_id", .invalid),
            (IDError.wrongPrefix(expected: "prod", found: "ord"), "wrong_id_type", .invalid),
            (ValidationError([]), "validation_failed", .invalid),
            (EventError.typeMismatch(expected: "a.b", found: "c.d"), "event_type_mismatch", .unprocessable),
            (EventError.undecodablePayload(type: "a.b", reason: "bad"), "event_payload_invalid", .unprocessable),
        ])
    func codesAndKinds(error: any DomainError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
        #expect(code.allSatisfy { $0.isLowercase || $0 == "_" })
    }

    @Test("errors without field details report no field errors")
    func defaultFieldErrors() {
        #expect(MoneyError.overflow.fieldErrors.isEmpty)
        #expect(IDError.malformed("x").fieldErrors.isEmpty)
    }

    @Test("messages name the currencies and the offending ID type")
    func messages() {
        #expect(MoneyError.currencyMismatch(.eur, .usd).message == "Cannot combine amounts in EUR and USD.")
        #expect(IDError.wrongPrefix(expected: "prod", found: "ord").message.contains("\"prod_\""))
        #expect(IDError.malformed(String(repeating: "x", count: 5000)).message.count < 80)
    }

    @Test("field errors encode with pointer, message and code")
    func fieldErrorWireForm() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let error = FieldError(pointer: "/lines/0/quantity", message: "must be positive", code: "not_positive")
        let json = String(decoding: try encoder.encode(error), as: UTF8.self)
        #expect(json == #"{"code":"not_positive","message":"must be positive","pointer":"/lines/0/quantity"}"#)
        #expect(try JSONDecoder().decode(FieldError.self, from: Data(json.utf8)) == error)
    }

    @Test(
        "JSON pointers escape ~ and / per RFC 6901",
        arguments: [
            (["lines", "0", "quantity"], "/lines/0/quantity"),
            (["a/b"], "/a~1b"),
            (["m~n"], "/m~0n"),
            (["~/"], "/~0~1"),
            ([], ""),
            ([""], "/"),
        ])
    func pointers(tokens: [String], expected: String) {
        #expect(FieldError.pointer(tokens) == expected)
    }

    @Test("the variadic pointer builder matches the array form")
    func variadicPointer() {
        #expect(FieldError.pointer("lines", "0", "sku") == "/lines/0/sku")
    }

    @Test("every error kind has a stable raw value", arguments: ErrorKind.allCases)
    func errorKindRawValues(kind: ErrorKind) {
        #expect(ErrorKind(rawValue: kind.rawValue) == kind)
    }
}
