import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TestSupport

/// A browser's part of a page visit, for router tests: it keeps the cookies the pages set, sends them
/// back, and posts forms as `application/x-www-form-urlencoded`. Same-origin posts carry the headers a
/// browser adds (`Sec-Fetch-Site: same-origin`; the router test client has no host for an `Origin` to
/// match, which the real-browser tests cover).
struct BrowserLikeSession {
    var cookies: [String: String] = [:]

    mutating func get(_ uri: String, client: some TestClientProtocol) async throws -> TestResponse {
        let response = try await client.execute(uri: uri, method: .get, headers: headers())
        keep(response)
        return response
    }

    mutating func post(
        _ uri: String, _ fields: [(String, String)], client: some TestClientProtocol, extra: HTTPFields = [:],
        sameOrigin: Bool = true
    ) async throws -> TestResponse {
        var headers = headers()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if sameOrigin { headers[HTTPField.Name("Sec-Fetch-Site")!] = "same-origin" }
        for field in extra { headers[field.name] = field.value }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        let response = try await client.execute(
            uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return response
    }

    /// The form token the page put in its forms.
    static func formToken(in html: String) -> String? { value(of: "_form", in: html) }

    /// The `value` of the first input named `name`.
    static func value(of name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Every `value` of inputs named `name`, in page order.
    static func values(of name: String, in html: String) -> [String] {
        html.components(separatedBy: "name=\"\(name)\" value=\"").dropFirst().compactMap { part in
            part.firstIndex(of: "\"").map { String(part[..<$0]) }
        }
    }

    private func headers() -> HTTPFields {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        return headers
    }

    private mutating func keep(_ response: TestResponse) {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let value = String(pair[pair.index(after: equals)...])
            if header.contains("Max-Age=0") || value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    private static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
