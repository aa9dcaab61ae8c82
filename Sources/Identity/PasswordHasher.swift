/// Hashes and checks passwords. Injected because the bcrypt implementation lives in an HTTP
/// package (hummingbird-auth) that domain modules may not import; tests use a cheap cost.
public struct PasswordHasher: Sendable {
    public var hash: @Sendable (_ password: String) async throws -> String
    public var verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool
    /// A hash of a random password, checked when an account does not exist so that a login for an
    /// unknown e-mail takes as long as one for a known e-mail.
    public var decoyHash: String

    public init(
        hash: @escaping @Sendable (String) async throws -> String,
        verify: @escaping @Sendable (String, String) async throws -> Bool,
        decoyHash: String
    ) {
        self.hash = hash
        self.verify = verify
        self.decoyHash = decoyHash
    }
}
