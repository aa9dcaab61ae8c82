import Foundation
import HTTPTypes
public import Hummingbird

extension Problem {
    /// RFC 9457's media type; clients that know it parse `code` and `errors` instead of guessing.
    public static let mediaType = "application/problem+json"

    /// The problem as a response: JSON body, `Content-Type: application/problem+json`, and `Retry-After`
    /// when set. Never throws: should encoding ever fail, a fixed body still says "internal_error", because
    /// an error page that errors would leave the client with an empty 500.
    public func response(headers extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = Self.mediaType
        if let retryAfter {
            headers[.retryAfter] = String(retryAfter)
        }
        if status == .unauthorized, headers[.wwwAuthenticate] == nil {
            // RFC 9110 §11.6.1: a 401 names the scheme the client should use.
            headers[.wwwAuthenticate] = #"Bearer realm="torv""#
        }
        let body: ByteBuffer
        if let data = try? Self.encoder.encode(self) {
            body = ByteBuffer(bytes: data)
        } else {
            body = ByteBuffer(
                string: #"{"type":"urn:torv:problem:internal_error","title":"Internal Server Error","#
                    + #""status":500,"code":"internal_error","detail":"The error could not be described."}"#)
        }
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Slashes stay unescaped so JSON pointers (`/lines/0/quantity`) read as written.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

/// Lets code throw a `Problem` anywhere below the router: even without `ProblemMiddleware` (a route group
/// built before it was added), Hummingbird renders it as problem+json rather than an empty 500.
extension Problem: HTTPResponseError {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }
}
