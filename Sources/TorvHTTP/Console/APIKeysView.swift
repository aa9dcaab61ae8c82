import Foundation
import Identity
import TorvCore

/// The API keys: each key's name, visible prefix, scopes and state (never its secret), the form that
/// issues one, and revoking.
struct APIKeysView {
    struct Key {
        let keyID: String
        let keyName: String
        let keyPrefix: String
        let keyScopes: String
        let keyCreated: String
        let keyExpires: String
        let keyLastUsed: String
        let keyState: String
        let keyUsable: Bool
        let revokeKey: String
    }

    let keys: [Key]
    let hasKeys: Bool
    let keyName: String
    let keyScopesText: String
    let keyExpiresText: String
    let issueError: String?
    let notice: String?
    let issueKey = FormGuard.randomToken()

    init(
        keys: [APIKey], now: Date, failed: FormData?, error: String?, notice: String?, settings: ShopSettings
    ) {
        self.keys = keys.sorted { $0.createdAt > $1.createdAt }.map { key in
            let state: String =
                if let revoked = key.revokedAt {
                    "Revoked \(settings.date(revoked))"
                } else if let expiry = key.expiresAt, expiry <= now { "Expired" } else { "Active" }
            return Key(
                keyID: key.id.rawValue, keyName: key.name, keyPrefix: key.displayPrefix + "…",
                keyScopes: key.scopes.map(\.rawValue).joined(separator: ", "), keyCreated: settings.date(key.createdAt),
                keyExpires: key.expiresAt.map(settings.date) ?? "Never",
                keyLastUsed: key.lastUsedAt.map(settings.dateTime) ?? "Never",
                keyState: state, keyUsable: state == "Active", revokeKey: FormGuard.randomToken())
        }
        hasKeys = !keys.isEmpty
        keyName = failed?["name"] ?? ""
        keyScopesText = failed?["scopes"] ?? ""
        keyExpiresText = failed?["expires_on"] ?? ""
        issueError = error
        self.notice = notice
    }
}

/// The page that shows a new key's secret, once.
struct IssuedAPIKeyView {
    let issuedName: String
    let issuedToken: String
    let issuedScopes: String
}
