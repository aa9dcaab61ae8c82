import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One W3C WebDriver endpoint: sends a command, unwraps `{"value": …}`, and turns the spec's error
/// object into `WebDriverError.command` so callers never see raw HTTP.
struct WebDriverTransport: Sendable {
    private let base: String
    private let requestTimeout: TimeAmount

    /// The default timeout is generous because navigation and new-session wait for Chromium itself.
    init(baseURL: URL, requestTimeout: Duration = .seconds(90)) {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
        let (seconds, attoseconds) = requestTimeout.components
        self.requestTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    // Screenshots of long pages arrive as base64 and can be several megabytes.
    private static let maxReplyBytes = 64 * 1024 * 1024

    func send(_ method: HTTPMethod, _ path: String, _ body: WebDriverJSON? = nil) async throws -> WebDriverJSON {
        let command = "\(method.rawValue) \(path)"
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } else if method == .POST {
            // The spec requires a JSON object body on every POST, even when there are no parameters.
            request.body = .bytes(ByteBuffer(string: "{}"))
        }

        let bytes: ByteBuffer
        let status: HTTPResponseStatus
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: requestTimeout)
            status = response.status
            bytes = try await response.body.collect(upTo: Self.maxReplyBytes)
        } catch {
            throw WebDriverError.transport(command: command, detail: String(describing: error))
        }

        let reply: WebDriverJSON
        do {
            reply = try JSONDecoder().decode(WebDriverJSON.self, from: Data(bytes.readableBytesView))
        } catch {
            let text = String(buffer: bytes).prefix(300)
            throw WebDriverError.transport(command: command, detail: "HTTP \(status.code), not JSON: \(text)")
        }
        let value = reply["value"] ?? .null
        if let code = value["error"]?.stringValue {
            throw WebDriverError.command(code: code, message: value["message"]?.stringValue ?? "", command: command)
        }
        guard (200..<300).contains(status.code) else {
            throw WebDriverError.transport(command: command, detail: "HTTP \(status.code) without a W3C error body")
        }
        return value
    }
}
