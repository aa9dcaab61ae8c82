import HTTPTypes
public import Hummingbird

/// Adds the browser hardening headers to every response, problems and 404s included.
///
/// The policy allows only same-origin scripts, styles, forms and base URLs, images also from any HTTPS
/// host and `data:` URLs (product photos on a CDN, inline placeholders), and no framing at all; which is
/// why Torv's pages, `/docs` included, link their CSS instead of inlining it. `X-Frame-Options` repeats
/// `frame-ancestors 'none'` for browsers that predate CSP 2.
///
/// A header a route already set is left alone, so a page with a narrower or wider need can say so.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        [
            .contentSecurityPolicy: "default-src 'self'; img-src 'self' https: data:; style-src 'self'; "
                + "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "strict-origin-when-cross-origin",
            HTTPField.Name("X-Frame-Options")!: "DENY",
            HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
        ]
    }

    private let headers: HTTPFields

    public init() {
        self.headers = Self.headers
    }

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        for field in headers where response.headers[field.name] == nil {
            response.headers[field.name] = field.value
        }
        return response
    }
}
