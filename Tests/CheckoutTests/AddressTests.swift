import Checkout
import Testing
import TorvCore

@Suite("Addresses")
struct AddressTests {
    static let valid = Address(
        name: "Erika Mustermann", line1: "Heidestraße 17", city: "Köln", postalCode: "51147", country: "DE")

    @Test("a complete address passes")
    func valid() throws {
        try Self.valid.validate()
        var full = Self.valid
        full.company = "Muster GmbH"
        full.vatID = "DE123456789"
        full.phone = "+49 221 1234567"
        full.region = "NRW"
        try full.validate()
    }

    @Test("every bad field is reported at once, each with its pointer")
    func everyProblem() {
        let address = Address(
            name: " ", line1: "", city: "", postalCode: String(repeating: "9", count: 21), country: "de",
            phone: "call me")
        do {
            try address.validate()
            Issue.record("expected a refusal")
        } catch {
            #expect(
                Set(error.fieldErrors.map(\.pointer))
                    == ["/name", "/line1", "/city", "/postal_code", "/phone", "/country"])
            #expect(error.fieldErrors.first { $0.pointer == "/country" }?.code == "invalid_country")
        }
    }

    @Test(
        "the country must be an assigned ISO 3166-1 alpha-2 code in upper case",
        arguments: [
            ("DE", true), ("SE", true), ("GB", true), ("US", true), ("de", false), ("UK", false),
            ("XX", false), ("DEU", false), ("", false), (" D", false),
        ])
    func countries(code: String, valid: Bool) {
        var address = Self.valid
        address.country = code
        #expect(((try? address.validate()) != nil) == valid)
        #expect(Countries.isAssigned(code) == valid)
    }

    @Test("the country table holds the 249 assigned codes")
    func table() {
        #expect(Countries.all.count == 249)
        #expect(Countries.all.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isUppercase) })
    }
}
