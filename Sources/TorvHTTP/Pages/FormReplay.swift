import Foundation
import HTTPTypes
import Hummingbird
import Persistence

/// Makes a back-office form take effect once however often it is sent: a double click, a reload that
/// re-posts, a browser retrying after a dropped connection. Each rendered form carries a fresh random key
/// (``fieldName``); the first post with it runs and its outcome is kept in the same idempotency store the
/// API's `Idempotency-Key` uses, scoped to the staff member and the action, and a repeat gets that outcome
/// again instead of a second effect. Flows that take a key of their own (refunds) get this one as well,
/// so even a post that outlived the store's retention cannot refund twice.
struct FormReplay: Sendable {
    static let fieldName = "_key"
    /// How many tenths of a second a repeated post waits for the first one to finish.
    static let inFlightWaits = 50

    let store: IdempotencyStore
    let database: Database

    /// What a form post ended in.
    enum Outcome: Sendable {
        /// Done: redirect here (303). A repeat is redirected here too.
        case redirect(String)
        /// Done, and the answer is a page that must be shown only once (a pick-up code); a repeat is
        /// redirected to `replay` instead.
        case shownOnce(Response, replay: String)
        /// Refused (a validation message next to the form): nothing changed, so the key may run again.
        case refused(Response)
    }

    /// Runs `body` once for the form's key within `scope` (who and what, e.g. `staff:stf_…:orders.refund`).
    func once(
        scope: String, form: FormData, path: String, _ body: () async throws -> Outcome
    ) async throws -> Response {
        guard let key = form[Self.fieldName], Self.isWellFormed(key) else {
            throw Problem(
                status: .badRequest, code: "form_incomplete",
                detail: "The form was incomplete. Reload the page and send it again.")
        }
        let fingerprint = Self.fingerprint(form, path: path)
        var decision = try await store.begin(scope: scope, key: key, fingerprint: fingerprint, in: database)
        // A double click sends the second post while the first still runs, and the browser shows only the
        // second's answer: so it waits for the first to finish and answers as the first did.
        var waits = 0
        while case .inFlight = decision, waits < Self.inFlightWaits {
            try await Task.sleep(for: .milliseconds(100))
            waits += 1
            decision = try await store.begin(scope: scope, key: key, fingerprint: fingerprint, in: database)
        }
        switch decision {
        case .replay(let stored):
            return HTMLResponse.redirect(to: stored.body)
        case .inFlight:
            throw Problem(
                status: .conflict, code: "form_in_flight",
                detail: "This form is still being processed. Reload the page in a moment to see the result.")
        case .mismatch:
            throw Problem(
                status: .unprocessableContent, code: "form_reused",
                detail: "This form was already sent with other values. Reload the page and fill it in again.")
        case .proceed:
            let outcome: Outcome
            do {
                outcome = try await body()
            } catch {
                try? await store.abandon(scope: scope, key: key, in: database)
                throw error
            }
            switch outcome {
            case .redirect(let location):
                try await complete(scope: scope, key: key, location: location)
                return HTMLResponse.redirect(to: location)
            case .shownOnce(let response, let replay):
                try await complete(scope: scope, key: key, location: replay)
                return response
            case .refused(let response):
                try await store.abandon(scope: scope, key: key, in: database)
                return response
            }
        }
    }

    private func complete(scope: String, key: String, location: String) async throws {
        try await store.complete(
            scope: scope, key: key, response: StoredResponse(status: 303, contentType: nil, body: location),
            in: database)
    }

    /// The form's fields without its tokens, in a fixed order: the same answers are the same request.
    static func fingerprint(_ form: FormData, path: String) -> String {
        let fields = form.fields.filter { $0.name != Self.fieldName && $0.name != FormGuard.fieldName }
            .sorted { ($0.name, $0.value) < ($1.name, $1.value) }
            .map { "\($0.name)=\($0.value)" }
        return IdempotencyMiddleware.fingerprint(
            method: "POST", path: path, body: Array(fields.joined(separator: "\n").utf8))
    }

    private static func isWellFormed(_ key: String) -> Bool {
        (16...64).contains(key.count) && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}
