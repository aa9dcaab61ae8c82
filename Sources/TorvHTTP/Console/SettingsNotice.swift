/// The confirmation a settings page shows after a form did its work (`?done=roles_changed`). Only these
/// fixed sentences are ever shown, so nothing typed into the address bar reaches the page.
enum SettingsNotice: String, Sendable, CaseIterable {
    case staffCreated = "staff_created"
    case rolesChanged = "roles_changed"
    case staffDisabled = "staff_disabled"
    case keyRevoked = "key_revoked"
    case keyIssued = "key_issued"
    case twoFactorOn = "two_factor_on"

    var message: String {
        switch self {
        case .staffCreated: "The staff member was added. Give them their password in person; they can change it."
        case .rolesChanged: "The roles were changed; they apply from the staff member's next request."
        case .staffDisabled: "The staff member was disabled and signed out everywhere."
        case .keyRevoked: "The API key was revoked; requests with it are refused from now on."
        case .keyIssued:
            "The API key was issued. Its secret was shown once; revoke it and issue another if it was lost."
        case .twoFactorOn: "Two-factor sign-in is on: from now on you sign in with a code from your app."
        }
    }

    static func from(_ query: FormData) -> String? {
        query["done"].flatMap(Self.init(rawValue:))?.message
    }
}
