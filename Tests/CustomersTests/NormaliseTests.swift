import Testing

@testable import Customers

/// How typed input is stored: the rules behind the profile, address and company validation.
@Suite("Normalisation")
struct NormaliseTests {
    @Test(
        "language tags are put in canonical case",
        arguments: [
            ("de", "de"), ("DE-de", "de-DE"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419"), ("en_GB", "en-GB"),
            (" fr-CA ", "fr-CA"), ("gsw", "gsw"),
        ])
    func locales(input: String, stored: String) {
        #expect(Normalise.locale(input) == stored)
    }

    @Test(
        "malformed language tags are refused",
        arguments: ["", "e", "english", "de-XX", "de-AT-extra", "de--AT", "1a", "de-1234", "de-Latn-Latn"])
    func badLocales(input: String) {
        #expect(Normalise.locale(input) == nil)
    }

    @Test(
        "phone numbers become E.164",
        arguments: [
            ("+49 30 1234567", "+49301234567"), ("0049 (30) 123-4567", "+49301234567"),
            ("+1.415.555.0100", "+14155550100"),
        ])
    func phones(input: String, stored: String) {
        #expect(Normalise.phone(input) == stored)
    }

    @Test(
        "numbers without a country code or of the wrong length are refused",
        arguments: [
            "030 1234567", "+0 301234567", "+49 30", "+49 30 1234 5678 9012 3", "+49 30 CALL-NOW", "++4930123456",
        ])
    func badPhones(input: String) {
        #expect(Normalise.phone(input) == nil)
    }

    @Test(
        "VAT IDs lose spaces and dots and must look like one",
        arguments: [
            ("de 123.456.789", "DE123456789", true), ("ATU12345678", "ATU12345678", true),
            ("DE", "DE", false), ("123456789", "123456789", false), ("DE-ABCDEFG", "DEABCDEFG", false),
            ("FR-XX 123456789", "FRXX123456789", true),
        ])
    func vatIDs(input: String, normalised: String, plausible: Bool) {
        #expect(Normalise.vatID(input) == normalised)
        #expect(Customers.isPlausibleVATID(normalised) == plausible)
    }

    @Test(
        "group codes are lowercase keys that start with a letter",
        arguments: [
            ("wholesale", true), ("vip-2026", true), ("b2b_eu", true), ("Wholesale", false), ("2vip", false),
            ("", false), ("whole sale", false), (String(repeating: "a", count: 65), false), ("grüne", false),
        ])
    func groupCodes(code: String, valid: Bool) {
        #expect(Customers.isValidGroupCode(code) == valid)
    }
}
