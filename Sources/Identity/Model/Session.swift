public import Foundation

/// A bearer session token handed out at login. Only its SHA-256 is stored.
public struct IssuedSession: Sendable, Hashable {
    public let id: SessionID
    public let token: String
    public let expiresAt: Date
}

/// The outcome of a staff password check.
public enum StaffLogin: Sendable, Hashable {
    /// Signed in.
    case signedIn(IssuedSession, StaffUser)
    /// The password was right and the account has two-factor login: send the code with this
    /// short-lived challenge token.
    case secondFactorRequired(challenge: String, expiresAt: Date)
}

/// A TOTP secret being set up: shown once as text and as an `otpauth://` URI (QR code).
public struct TOTPEnrollment: Sendable, Hashable {
    public let secret: String
    public let provisioningURI: String
}
