import Foundation

/// The signed-in staff member's own two-factor sign-in: whether it is on, and while setting it up the
/// secret for their authenticator app and the form that confirms the first code.
struct TwoFactorView {
    let twoFactorOn: Bool
    let settingUp: Bool
    let setupSecret: String
    let setupSecretGrouped: String
    let setupURI: String
    let codeError: String?
    let notice: String?
    let beginKey = FormGuard.randomToken()
    let confirmKey = FormGuard.randomToken()

    init(twoFactorOn: Bool, secret: String? = nil, uri: String? = nil, codeError: String? = nil, notice: String?) {
        self.twoFactorOn = twoFactorOn
        settingUp = !twoFactorOn && secret != nil
        setupSecret = secret ?? ""
        // Groups of four are easier to type into an app by hand.
        setupSecretGrouped = stride(from: 0, to: (secret ?? "").count, by: 4).map { start in
            String((secret ?? "").dropFirst(start).prefix(4))
        }.joined(separator: " ")
        setupURI = uri ?? ""
        self.codeError = codeError
        self.notice = notice
    }
}
