import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// Settings › API keys: the keys, issuing one (its secret shown once, on the answer to the form, and
/// never kept), and revoking one, with the admin API's `identity.api_keys.manage` permission. A key can
/// only carry permissions its issuer holds, as in the API.
extension ConsolePages {
    func registerAPIKeys(on router: Router<TorvRequestContext>) {
        router.get("/admin/settings/api-keys") { request, context in
            await page(request, context, permission: .identityAPIKeysManage) { visit in
                try await apiKeys(request, visit: visit)
            }
        }
        router.post("/admin/settings/api-keys") { request, context in
            await post(request, context, permission: .identityAPIKeysManage) { visit, form in
                try await issueAPIKey(request, form: form, visit: visit)
            }
        }
        router.post("/admin/settings/api-keys/:key_id/revoke") { request, context in
            await post(request, context, permission: .identityAPIKeysManage) { visit, form in
                try await revokeAPIKey(request, id: context.parameters.get("key_id") ?? "", form: form, visit: visit)
            }
        }
    }

    private func apiKeys(
        _ request: Request, visit: StaffVisit, failed: FormData? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let identity = platform.identity
        let keys = try await platform.database.read { db in try await identity.apiKeys(on: db) }
        let view = APIKeysView(
            keys: keys, now: platform.clock.now(), failed: failed, error: error,
            notice: SettingsNotice.from(FormData(urlEncoded: request.uri.query ?? "")), settings: settings)
        return try render(
            "console-api-keys", title: "API keys", section: .settings, view: view, visit: visit, request: request,
            status: status)
    }

    private func issueAPIKey(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.settings.api_keys.create"
        let refused = { (message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome in
            .refused(try await apiKeys(request, visit: visit, failed: form, error: message, status: status))
        }
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            // Scopes are typed one per line or separated by commas or spaces.
            let scopes = (form["scopes"] ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
            var expiresAt: Date?
            if let text = form["expires_on"], !text.isEmpty {
                // The key works to the end of that day where the shop is.
                guard let end = settings.endOfDay(text) else {
                    return try await refused("Expires on must be a date like 2027-01-31.", .unprocessableContent)
                }
                expiresAt = end
            }
            do {
                let (identity, principal, expiry) = (platform.identity, visit.principal, expiresAt)
                let issued = try await platform.database.inTransaction { db in
                    try await identity.createAPIKey(
                        name: form["name"] ?? "", scopes: scopes, expiresAt: expiry, by: principal,
                        requestID: RequestInfo.requestID, on: db)
                }
                let view = IssuedAPIKeyView(
                    issuedName: issued.key.name, issuedToken: issued.token,
                    issuedScopes: issued.key.scopes.map(\.rawValue).joined(separator: ", "))
                return .shownOnce(
                    try render(
                        "console-api-key-issued", title: "API key issued", section: .settings, view: view,
                        visit: visit, request: request, status: .created),
                    replay: "/admin/settings/api-keys?done=\(SettingsNotice.keyIssued.rawValue)")
            } catch let error as any DomainError {
                guard
                    let status = ConsoleFormRefusal.statusShowingForbidden(of: error)
                else { throw error }
                return try await refused(ConsoleFormRefusal.sentence(error), status)
            }
        }
    }

    private func revokeAPIKey(
        _ request: Request, id text: String, form: FormData, visit: StaffVisit
    ) async throws
        -> Response
    {
        let id = try pathID(text, as: APIKeyID.self, notFound: IdentityError.apiKeyNotFound)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.settings.api_keys.revoke"
        let (identity, actor) = (platform.identity, visit.actor)
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            _ = try await platform.database.inTransaction { db in try await identity.revokeAPIKey(id, by: actor, on: db)
            }
            return .redirect("/admin/settings/api-keys?done=\(SettingsNotice.keyRevoked.rawValue)")
        }
    }
}
