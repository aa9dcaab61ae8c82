public import TorvCore

public enum IdentityError: DomainError, Equatable {
    /// Wrong e-mail or password, or a disabled account: deliberately indistinguishable.
    case invalidCredentials
    case invalidSecondFactor
    /// No credential, or an expired, revoked or malformed one.
    case unauthenticated
    case forbidden(Permission)
    case emailTaken
    case staffUserNotFound
    case customerNotFound
    case sellerUserNotFound
    case apiKeyNotFound
    case unknownRoles([String])
    /// An API key may not carry permissions its creator does not hold.
    case scopeExceedsPermissions([Permission])
    case malformedPermissions([String])
    case twoFactorAlreadyEnabled
    case twoFactorNotPending
    /// The last active owner cannot be disabled or lose the owner role: nobody could administer the shop.
    case lastOwner
    /// Staff may give or take away only roles whose every permission they hold themselves, so that an
    /// administrator cannot make anyone (themselves included) an owner, nor demote or disable one.
    case rolesBeyondYourPermissions([String])
    /// Too many wrong passwords for this address lately: sign-in pauses for it (``SignInThrottle``).
    case signInPaused(retryAfter: Int)

    public var code: String {
        switch self {
        case .invalidCredentials: "invalid_credentials"
        case .invalidSecondFactor: "invalid_second_factor"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .emailTaken: "email_taken"
        case .staffUserNotFound: "staff_user_not_found"
        case .customerNotFound: "customer_not_found"
        case .sellerUserNotFound: "seller_user_not_found"
        case .apiKeyNotFound: "api_key_not_found"
        case .unknownRoles: "unknown_role"
        case .scopeExceedsPermissions: "scope_exceeds_permissions"
        case .malformedPermissions: "malformed_permission"
        case .twoFactorAlreadyEnabled: "two_factor_already_enabled"
        case .twoFactorNotPending: "two_factor_not_pending"
        case .lastOwner: "last_owner"
        case .rolesBeyondYourPermissions: "role_beyond_permissions"
        case .signInPaused: "sign_in_paused"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invalidCredentials, .invalidSecondFactor, .unauthenticated: .unauthenticated
        case .forbidden, .scopeExceedsPermissions, .rolesBeyondYourPermissions: .forbidden
        case .signInPaused: .rateLimited
        case .emailTaken, .twoFactorAlreadyEnabled, .twoFactorNotPending, .lastOwner: .conflict
        case .staffUserNotFound, .customerNotFound, .sellerUserNotFound, .apiKeyNotFound: .notFound
        case .unknownRoles, .malformedPermissions: .invalid
        }
    }

    public var message: String {
        switch self {
        case .invalidCredentials: "The e-mail address or password is not right."
        case .invalidSecondFactor: "The code is not right or has expired."
        case .unauthenticated: "Sign in first: the request has no valid credential."
        case .forbidden(let permission): "You do not have the permission \(permission)."
        case .emailTaken: "An account with this e-mail address exists already."
        case .staffUserNotFound: "There is no such staff user."
        case .customerNotFound: "There is no such customer."
        case .sellerUserNotFound: "Your seller has no such user."
        case .apiKeyNotFound: "There is no such API key."
        case .unknownRoles(let roles): "Unknown role: \(roles.joined(separator: ", "))."
        case .scopeExceedsPermissions(let extra):
            "An API key cannot hold permissions you do not have: \(extra.map(\.rawValue).joined(separator: ", "))."
        case .malformedPermissions(let bad): "Not a permission: \(bad.joined(separator: ", "))."
        case .twoFactorAlreadyEnabled: "Two-factor sign-in is on already."
        case .twoFactorNotPending: "Start the two-factor set-up first."
        case .lastOwner: "The last active owner must keep the owner role."
        case .rolesBeyondYourPermissions(let roles):
            "Only staff who hold every permission of a role may give it or take it away: "
                + roles.joined(separator: ", ") + "."
        case .signInPaused(let seconds):
            "Too many wrong passwords for this address: sign-in pauses for it. Try again in "
                + (seconds < 120 ? "\(seconds) seconds." : "\((seconds + 59) / 60) minutes.")
        }
    }

    public var retryAfterSeconds: Int? {
        if case .signInPaused(let seconds) = self { return seconds }
        return nil
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .unknownRoles(let roles):
            roles.map { FieldError(pointer: "/roles", message: "unknown role \($0)", code: code) }
        case .malformedPermissions(let bad):
            bad.map { FieldError(pointer: "/scopes", message: "not a permission: \($0)", code: code) }
        default: []
        }
    }
}
