import Foundation
public import TorvCore

/// Input rules for e-mail addresses and passwords, shared by staff and customers.
public enum Credentials {
    /// Trimmed and lower-cased: addresses are compared case-insensitively, as people expect.
    public static func normalizedEmail(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// A deliberately loose check (one `@`, a dotted domain, no spaces, ≤ 254 characters); the real
    /// proof of an address is a message that arrives.
    public static func checkEmail(_ email: String, at pointer: String, into validator: inout Validator) {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        let valid =
            email.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(where: \.isWhitespace)
        validator.check(valid, pointer, "must be an e-mail address", code: "invalid_email")
    }

    /// NIST SP 800-63B: length, not composition rules. bcrypt reads only 72 bytes, so longer
    /// passwords are refused rather than silently truncated.
    public static func checkPassword(_ password: String, at pointer: String, into validator: inout Validator) {
        validator.check(password.count >= 10, pointer, "must have at least 10 characters", code: "password_too_short")
        validator.check(password.utf8.count <= 72, pointer, "must have at most 72 bytes", code: "password_too_long")
        validator.check(
            !password.allSatisfy(\.isWhitespace), pointer, "must not be only spaces", code: "password_blank")
    }

    public static func checkName(_ name: String, at pointer: String, into validator: inout Validator) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        validator.check(!trimmed.isEmpty, pointer, "must not be empty", code: "required")
        validator.check(trimmed.count <= 200, pointer, "must have at most 200 characters", code: "too_long")
    }
}
