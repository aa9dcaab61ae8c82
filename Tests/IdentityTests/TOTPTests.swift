import Foundation
import Identity
import Testing
import TorvCore

@Suite("TOTP (RFC 6238)")
struct TOTPTests {
    /// RFC 6238 Appendix B, SHA-1, 8 digits, secret "12345678901234567890".
    @Test(
        "matches the RFC 6238 test vectors",
        arguments: [
            (59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"), (20_000_000_000, "65353130"),
        ])
    func rfcVectors(time: Int, expected: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8), digits: 8)
        let date = Date(timeIntervalSince1970: TimeInterval(time))
        #expect(totp.code(forStep: totp.step(at: date)) == expected)
    }

    @Test("accepts the neighbouring step for clock drift and nothing further")
    func window() {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(for: totp.code(forStep: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(for: totp.code(forStep: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(for: totp.code(forStep: step - 2), at: now) == nil)
    }

    @Test("refuses malformed codes", arguments: ["", "12345", "1234567", "abcdef", "12 34 5x"])
    func malformed(code: String) {
        let totp = TOTP(secret: Array("12345678901234567890".utf8))
        #expect(totp.matchingStep(for: code, at: Date()) == nil)
    }

    @Test("base32 round-trips and the provisioning URI carries secret and issuer")
    func base32AndURI() {
        let secret = TOTP.generateSecret()
        #expect(Base32.decode(Base32.encode(secret)) == secret)
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        let uri = TOTP(secret: secret).provisioningURI(account: "ada@shop.example", issuer: "Torv")
        #expect(uri.hasPrefix("otpauth://totp/Torv:ada@shop.example?secret=\(Base32.encode(secret))"))
        #expect(uri.contains("issuer=Torv"))
    }
}
