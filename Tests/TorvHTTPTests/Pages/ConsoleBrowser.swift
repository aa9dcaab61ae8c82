import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport

/// A staff member's browser on the back-office console: their session cookie and form token, and forms
/// posted the way a browser posts them (urlencoded, with the hidden `_form` token and a `_key`).
struct ConsoleBrowser {
    let client: any TestClientProtocol
    /// Nil: a browser that is not signed in.
    let session: String?
    let formToken = Self.randomKey()

    /// Creates a staff user with `roles` and signs them in.
    static func signIn(
        _ email: String, roles: [String], on platform: Platform, client: some TestClientProtocol
    ) async throws -> ConsoleBrowser {
        _ = try await Fixture.staff(email, roles: roles, on: platform)
        return ConsoleBrowser(client: client, session: try await Fixture.staffToken(email, client: client))
    }

    static func randomKey() -> String {
        (0..<24).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max)) }.joined()
    }

    var cookies: String {
        [session.map { "torv_staff=\($0)" }, "torv_form=\(formToken)"].compactMap { $0 }.joined(separator: "; ")
    }

    func get(_ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookies], body: nil)
    }

    /// Posts `fields` with the form token and `key` (a fresh one unless given), as the page's form would.
    func post(
        _ uri: String, _ fields: [(String, String)] = [], key: String = ConsoleBrowser.randomKey(),
        withToken: Bool = true,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var all = fields + [("_key", key)]
        if withToken { all.append(("_form", formToken)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.cookie: cookies, .contentType: "application/x-www-form-urlencoded"]
        for field in extra { headers.append(field) }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}

extension TestResponse {
    var location: String? { headers[.location] }
}
