public import HTTPTypes
public import TorvCore

/// An RFC 9457 problem: the one shape every Torv API error takes on the wire
/// (`Content-Type: application/problem+json`).
///
/// Clients switch on `code` (stable snake_case, never renamed); `type` is the same code as a URN so the
/// member RFC 9457 requires is a stable identifier rather than a URL we would have to host; `instance`
/// names the request (`urn:torv:request:<id>`) so a support ticket can quote it and we can find the log line.
///
/// `Problem` is itself an `Error` and an `HTTPResponseError` (see `Problem+Response.swift`): code below the
/// `ProblemMiddleware` can simply `throw Problem.notFound(detail: "…")`.
public struct Problem: Error, Sendable, Codable, Hashable {
    /// `urn:torv:problem:<code>`.
    public var type: String
    /// A short summary of the problem type; the status' reason phrase, so it never varies per occurrence.
    public var title: String
    public var status: HTTPResponse.Status
    /// Stable snake_case reason (`"not_found"`, `"validation_failed"`).
    public var code: String
    /// A sentence for humans about this occurrence. Never contains internals.
    public var detail: String
    /// `urn:torv:request:<id>`; filled in by `ProblemMiddleware` from the request ID.
    public var instance: String?
    /// Per-field problems, addressed with JSON pointers into the request body; `nil` when the whole
    /// request is at fault, so clients can tell "no field errors" from "an empty list".
    public var errors: [FieldError]?
    /// Seconds until a retry may succeed. Sent as the `Retry-After` header, not in the body, because
    /// that is where HTTP clients and proxies look for it.
    public var retryAfter: Int?

    public init(
        status: HTTPResponse.Status,
        code: String,
        detail: String,
        errors: [FieldError]? = nil,
        retryAfter: Int? = nil,
        instance: String? = nil
    ) {
        let status = status.withStandardReasonPhrase
        self.type = "urn:torv:problem:\(code)"
        self.title = status.reasonPhrase
        self.status = status
        self.code = code
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.retryAfter = retryAfter
    }

    /// The problem a domain module's error stands for: `kind` picks the status, `code`, `message` and
    /// `fieldErrors` are passed through verbatim (conformers promise `message` is safe to show).
    public init(_ error: some DomainError) {
        self.init(
            status: HTTPResponse.Status(error.kind),
            code: error.code,
            detail: error.message,
            errors: error.fieldErrors.isEmpty ? nil : error.fieldErrors,
            retryAfter: error.retryAfterSeconds.map { max(1, $0) }
        )
    }

    /// The `instance` URN for a request ID.
    public static func instance(forRequestID requestID: String) -> String {
        "urn:torv:request:\(requestID)"
    }

    // `retryAfter` is deliberately absent: it travels as a header.
    private enum CodingKeys: String, CodingKey {
        case type, title, status, code, detail, instance, errors
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let code = try container.decode(Int.self, forKey: .status)
        guard (100...999).contains(code) else {
            throw DecodingError.dataCorruptedError(
                forKey: .status, in: container, debugDescription: "An HTTP status has three digits."
            )
        }
        self.type = try container.decode(String.self, forKey: .type)
        self.title = try container.decode(String.self, forKey: .title)
        self.status = HTTPResponse.Status(code: code).withStandardReasonPhrase
        self.code = try container.decode(String.self, forKey: .code)
        self.detail = try container.decode(String.self, forKey: .detail)
        self.instance = try container.decodeIfPresent(String.self, forKey: .instance)
        self.errors = try container.decodeIfPresent([FieldError].self, forKey: .errors)
        self.retryAfter = nil
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(title, forKey: .title)
        try container.encode(status.code, forKey: .status)
        try container.encode(code, forKey: .code)
        try container.encode(detail, forKey: .detail)
        try container.encodeIfPresent(instance, forKey: .instance)
        try container.encodeIfPresent(errors, forKey: .errors)
    }
}

// MARK: - The problems the HTTP layer raises itself

extension Problem {
    public static func badRequest(
        code: String = "bad_request",
        detail: String,
        errors: [FieldError]? = nil
    ) -> Problem {
        Problem(status: .badRequest, code: code, detail: detail, errors: errors)
    }

    public static func notFound(detail: String = "There is nothing at this address.") -> Problem {
        Problem(status: .notFound, code: "not_found", detail: detail)
    }

    public static func methodNotAllowed(detail: String = "This address does not accept that method.") -> Problem {
        Problem(status: .methodNotAllowed, code: "method_not_allowed", detail: detail)
    }

    public static func payloadTooLarge(limit: Int) -> Problem {
        Problem(
            status: .contentTooLarge,
            code: "payload_too_large",
            detail: "The request body is larger than the limit of \(limit) bytes."
        )
    }

    /// - Parameter retryAfter: whole seconds, at least 1 (a `Retry-After: 0` invites a hot retry loop).
    public static func rateLimited(retryAfter: Int) -> Problem {
        let seconds = max(1, retryAfter)
        return Problem(
            status: .tooManyRequests,
            code: "rate_limited",
            detail: "Too many requests. Retry in \(seconds) second\(seconds == 1 ? "" : "s").",
            retryAfter: seconds
        )
    }

    /// The answer to every error we did not foresee. The detail is generic on purpose: the real error is
    /// logged under the same request ID, and only that ID reaches the caller.
    public static func `internal`(requestID: String?) -> Problem {
        Problem(
            status: .internalServerError,
            code: "internal_error",
            detail: "Something went wrong on our side. If it persists, report it with the request ID.",
            instance: requestID.map(instance(forRequestID:))
        )
    }

    /// A problem for a bare HTTP status, used when an error carries nothing but its status
    /// (Hummingbird's `HTTPError`, the OpenAPI runtime's parameter errors).
    public static func status(_ status: HTTPResponse.Status, detail: String? = nil) -> Problem {
        switch (status, detail) {
        case (.notFound, nil): .notFound()
        case (.methodNotAllowed, nil): .methodNotAllowed()
        case (.contentTooLarge, nil):
            Problem(status: status, code: status.problemCode, detail: "The request body is too large.")
        default: Problem(status: status, code: status.problemCode, detail: detail ?? status.reasonPhrase + ".")
        }
    }
}

extension HTTPResponse.Status {
    /// The HTTP status of a domain error's kind. TorvHTTP owns this mapping so domain code never thinks in HTTP.
    public init(_ kind: ErrorKind) {
        self =
            switch kind {
            case .invalid: .badRequest
            case .unauthenticated: .unauthorized
            case .forbidden: .forbidden
            case .notFound: .notFound
            case .conflict: .conflict
            case .unprocessable: .unprocessableContent
            case .rateLimited: .tooManyRequests
            case .unavailable: .serviceUnavailable
            }
    }

    /// The same status with its standard reason phrase. `Status(code:)` leaves the phrase empty, and so
    /// would our `title` be for a status that arrived as a number (a decoded problem, a runtime error).
    var withStandardReasonPhrase: HTTPResponse.Status {
        guard reasonPhrase.isEmpty else { return self }
        return Self.standard.first { $0.code == code } ?? self
    }

    private static let standard: [HTTPResponse.Status] = [
        .badRequest, .unauthorized, .forbidden, .notFound, .methodNotAllowed, .notAcceptable,
        .requestTimeout, .conflict, .gone, .lengthRequired, .preconditionFailed, .contentTooLarge, .uriTooLong,
        .unsupportedMediaType, .rangeNotSatisfiable, .expectationFailed, .misdirectedRequest, .unprocessableContent,
        .tooEarly, .upgradeRequired, .preconditionRequired, .tooManyRequests, .requestHeaderFieldsTooLarge,
        .unavailableForLegalReasons, .internalServerError, .notImplemented, .badGateway, .serviceUnavailable,
        .gatewayTimeout, .httpVersionNotSupported, .networkAuthenticationRequired,
    ]

    /// A stable snake_case code for a status that has nothing more specific to say:
    /// the reason phrase, snake-cased ("Unsupported Media Type" → `unsupported_media_type`).
    var problemCode: String {
        switch code {
        case 413: return "payload_too_large"
        case 429: return "rate_limited"
        case 500: return "internal_error"
        default:
            let words = withStandardReasonPhrase.reasonPhrase.lowercased().split(whereSeparator: {
                !$0.isLetter && !$0.isNumber
            })
            return words.isEmpty ? "http_\(code)" : words.joined(separator: "_")
        }
    }
}
