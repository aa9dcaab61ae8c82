import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// Staff sign-in for the console: e-mail and password, then the authenticator code when the account
/// has two-factor sign-in. The session token lives only in an `HttpOnly` cookie scoped to `/admin`.
extension ConsolePages {
    func registerSignIn(on router: Router<TorvRequestContext>) {
        router.get("/admin/login") { request, _ in
            signInPage(request, step: .password, status: .ok)
        }
        router.post("/admin/login") { request, _ in
            await signIn(request)
        }
        router.get("/admin/login/code") { request, _ in
            guard request.cookies[StaffCookie.challenge] != nil else {
                return HTMLResponse.redirect(to: "/admin/login")
            }
            return signInPage(request, step: .code, status: .ok)
        }
        router.post("/admin/login/code") { request, _ in
            await enterCode(request)
        }
        router.post("/admin/logout") { request, context in
            await post(request, context, permission: nil) { visit, _ in
                if let session = visit.principal.sessionID {
                    let identity = platform.identity
                    try await platform.database.inTransaction { db in try await identity.endSession(session, on: db) }
                }
                return HTMLResponse.redirect(
                    to: "/admin/login",
                    cookies: [PageCookies.expired(StaffCookie.session, path: "/admin", request: request)])
            }
        }
    }

    enum SignInStep { case password, code }

    private func signIn(_ request: Request) async -> Response {
        guard let form = await guardedForm(request) else {
            return signInPage(request, step: .password, status: .forbidden, problem: Self.refusedForm)
        }
        let next = Self.safeNext(form["next"])
        do {
            switch try await platform.identity.loginStaff(
                email: form["email"] ?? "", password: form.fields.first { $0.name == "password" }?.value ?? "",
                in: platform.database)
            {
            case .signedIn(let session, _):
                return HTMLResponse.redirect(
                    to: next,
                    cookies: [
                        StaffCookie.session(
                            session.token, expiresAt: session.expiresAt, now: platform.clock.now(), request: request)
                    ])
            case .secondFactorRequired(let challenge, let expiresAt):
                return HTMLResponse.redirect(
                    to: "/admin/login/code?next="
                        + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    cookies: [
                        StaffCookie.challenge(
                            challenge, expiresAt: expiresAt, now: platform.clock.now(), request: request)
                    ])
            }
        } catch let error as IdentityError where error.retryAfterSeconds != nil {
            return signInPage(
                request, step: .password, status: .tooManyRequests, email: form["email"] ?? "", problem: error.message)
        } catch {
            return signInPage(
                request, step: .password, status: .unauthorized, email: form["email"] ?? "",
                problem: "The e-mail address or the password is wrong, or the account is disabled.")
        }
    }

    private func enterCode(_ request: Request) async -> Response {
        guard let form = await guardedForm(request) else {
            return signInPage(request, step: .code, status: .forbidden, problem: Self.refusedForm)
        }
        guard let challenge = request.cookies[StaffCookie.challenge]?.value else {
            return HTMLResponse.redirect(to: "/admin/login")
        }
        do {
            let (session, _) = try await platform.identity.completeStaffLogin(
                challenge: challenge, code: form["code"] ?? "", requestID: RequestInfo.requestID,
                in: platform.database)
            return HTMLResponse.redirect(
                to: Self.safeNext(form["next"]),
                cookies: [
                    StaffCookie.session(
                        session.token, expiresAt: session.expiresAt, now: platform.clock.now(), request: request),
                    PageCookies.expired(StaffCookie.challenge, path: "/admin/login", request: request),
                ])
        } catch {
            return signInPage(
                request, step: .code, status: .unauthorized,
                problem: "That code did not work. Enter the current six-digit code from your authenticator app.")
        }
    }

    private func guardedForm(_ request: Request) async -> FormData? {
        guard let bytes = try? await request.body.collect(upTo: 16 * 1024) else { return nil }
        let form = FormData(urlEncoded: String(buffer: bytes))
        return formGuard.refusal(of: request, form: form) == nil ? form : nil
    }

    private func signInPage(
        _ request: Request, step: SignInStep, status: HTTPResponse.Status, email: String = "", problem: String? = nil
    ) -> Response {
        let (token, cookie) = formGuard.token(for: request)
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let view = ConsoleSignInView(
            title: step == .password ? "Sign in" : "Two-factor sign-in", shopName: settings.shopName, formToken: token,
            next: Self.safeNext(query["next"]), signInEmail: email, signInProblem: problem, codeStep: step == .code)
        let html =
            (try? templates.render(view, "console-login"))
            ?? "<!doctype html><title>Sign in</title><p>The sign-in page could not be shown.</p>"
        return HTMLResponse.page(html, status: status, cookies: [cookie].compactMap { $0 })
    }

    /// Only a path inside the console: never another site (`//evil.example`) or the shop.
    static func safeNext(_ next: String?) -> String {
        LocalRedirect.path(next, under: "/admin") ?? "/admin"
    }

    static let refusedForm =
        "The form has expired or was not sent from this console. Reload the page and sign in again."
}

struct ConsoleSignInView {
    let title: String
    let shopName: String
    let formToken: String
    let next: String
    let signInEmail: String
    let signInProblem: String?
    let codeStep: Bool
}
