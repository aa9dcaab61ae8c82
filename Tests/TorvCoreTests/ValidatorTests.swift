import Testing
import TorvCore

@Suite struct ValidatorTests {
    @Test("a validator with no failed checks finishes quietly")
    func passes() throws {
        var v = Validator()
        v.check(true, "/email", "must contain @", code: "invalid_email")
        #expect(v.isValid)
        try v.finish()
    }

    @Test("every failed check is reported at once, in order")
    func collectsEverything() {
        var v = Validator()
        v.check(false, "/email", "must contain @", code: "invalid_email")
        v.check(true, "/name", "must not be empty", code: "required")
        v.check(false, "/lines/0/quantity", "must be positive", code: "not_positive")
        let error = #expect(throws: ValidationError.self) { try v.finish() }
        #expect(
            error?.fieldErrors == [
                FieldError(pointer: "/email", message: "must contain @", code: "invalid_email"),
                FieldError(pointer: "/lines/0/quantity", message: "must be positive", code: "not_positive"),
            ])
        #expect(error?.code == "validation_failed")
        #expect(error?.kind == .invalid)
        #expect(error?.message == "2 fields are invalid.")
    }

    @Test("check returns its condition so dependent checks can be skipped")
    func checkReturnsCondition() {
        var v = Validator()
        if v.check(false, "/email", "is required", code: "required") {
            v.check(false, "/email", "must contain @", code: "invalid_email")
        }
        #expect(v.errors.count == 1)
    }

    @Test("a single error's message names the field")
    func singleMessage() {
        let error = ValidationError([FieldError(pointer: "/email", message: "must contain @", code: "invalid_email")])
        #expect(error.message == "1 field is invalid: /email must contain @.")
    }

    @Test("nested errors fold into the parent under a pointer prefix")
    func nesting() {
        var v = Validator()
        v.add(
            ValidationError([FieldError(pointer: "/quantity", message: "must be positive", code: "not_positive")]),
            at: "/lines/2")
        v.add(MoneyError.overflow, at: "/lines/2/price")
        #expect(
            v.errors == [
                FieldError(pointer: "/lines/2/quantity", message: "must be positive", code: "not_positive"),
                FieldError(pointer: "/lines/2/price", message: "The amount is too large.", code: "amount_overflow"),
            ])
    }
}
