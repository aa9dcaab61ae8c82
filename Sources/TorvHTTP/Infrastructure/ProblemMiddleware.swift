import HTTPTypes
public import Hummingbird
import Logging
import OpenAPIRuntime
import TorvCore

/// Turns every error thrown below it into an RFC 9457 `application/problem+json` response, so a client never
/// sees Hummingbird's `{"error":{"message":…}}`, the OpenAPI runtime's bare status, or an empty 500.
///
/// - `Problem`: as is.
/// - `DomainError`: through its `ErrorKind` (see `HTTPResponse.Status.init(_:)`).
/// - `DecodingError`: 400 `validation_failed` / `malformed_json`, with a JSON pointer to the field. Decode
///   bodies with `context.requestDecoder.decode(_:from:context:)`; `request.decode(as:context:)` flattens
///   decoding errors into an `HTTPError` message first, and the pointer is lost. A route must not let a
///   `DecodingError` of its own (a stored document, a provider's reply) escape: it would read as the
///   caller's 400. Inside OpenAPI handlers the two are told apart, see below.
/// - OpenAPI `ServerError`: unwrapped; see `problem(forOperationError:)`.
/// - Hummingbird `HTTPError` / `HTTPResponseError`: same status, headers kept (`Allow`, `WWW-Authenticate`).
/// - Anything else: 500 `internal_error` with a generic detail; the real error is logged at `.error`.
///
/// Every problem gets `instance: urn:torv:request:<id>`, from `RequestIDMiddleware` when it runs outside
/// this one, else Hummingbird's own request ID.
///
/// Hummingbird applies a router's middleware only to routes registered *after* it is added, and to the
/// not-found responder: add this before any route.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let requestID = RequestInfo.requestID ?? context.logger[metadataKey: "hb.request.id"]?.description
            let answer = Self.answer(to: error, request: request, context: context)
            var problem = answer?.problem ?? .internal(requestID: requestID)
            if problem.instance == nil, let requestID {
                problem.instance = Problem.instance(forRequestID: requestID)
            }
            let level: Logger.Level = problem.status.code >= 500 ? .error : .debug
            context.logger.log(
                level: level,
                "Request failed",
                metadata: [
                    "problem_code": .string(problem.code),
                    "http_status": .stringConvertible(problem.status.code),
                    "error": .string(Self.loggable(error)),
                ]
            )
            return problem.response(headers: answer?.headers ?? [:])
        }
    }

    // MARK: - Translation

    /// A problem and the headers that belong with it.
    struct Answer {
        var problem: Problem
        var headers: HTTPFields = [:]
    }

    /// The answer to an error, or `nil` when nobody foresaw it (→ 500 `internal_error`).
    static func answer(to error: any Error, request: Request, context: Context) -> Answer? {
        switch error {
        case let problem as Problem:
            return Answer(problem: problem)
        case let domainError as any DomainError:
            return Answer(problem: Problem(domainError))
        case let decodingError as DecodingError:
            return Answer(problem: Problem(decoding: decodingError))
        case let operationError as ServerError:
            return answer(toOperationError: operationError, request: request, context: context)
        case let httpError as HTTPError:
            // A 4xx message was written for the caller (Hummingbird's own decode errors, our routes);
            // a 5xx one may describe internals, so it only gets the generic wording.
            let detail = httpError.status.code < 500 ? httpError.body : nil
            return Answer(problem: .status(httpError.status, detail: detail), headers: httpError.headers.problemSafe)
        case let responseError as any HTTPResponseError:
            let headers = (try? responseError.response(from: request, context: context))?.headers.problemSafe ?? [:]
            return Answer(problem: .status(responseError.status), headers: headers)
        default:
            return nil
        }
    }

    /// Errors from a generated OpenAPI server arrive wrapped in `ServerError`, whatever threw them: request
    /// parsing, the handler, or response serialisation. `operationInput` is `nil` exactly when the request
    /// could not be turned into the operation's input, which is what separates the caller's mistakes (a
    /// `DecodingError` from the body: 400) from ours (a `DecodingError` inside a handler: 500).
    static func answer(toOperationError error: ServerError, request: Request, context: Context) -> Answer? {
        let underlying = error.underlyingError
        let parsingRequest = error.operationInput == nil
        switch underlying {
        case is Problem, is any DomainError, is HTTPError, is any HTTPResponseError:
            return answer(to: underlying, request: request, context: context)
        case let decodingError as DecodingError where parsingRequest:
            return Answer(problem: Problem(decodingOperationInput: decodingError))
        default:
            // The runtime's own refusals (missing or malformed parameter, wrong content type) are internal
            // types; only their status and description are public. Their description names the parameter
            // or media type from the spec, which is what the caller needs to fix the request.
            guard parsingRequest, (400..<500).contains(error.httpStatus.code) else { return nil }
            return Answer(problem: .status(error.httpStatus, detail: error.causeDescription))
        }
    }

    /// What to log for an error. `ServerError`'s own description includes the request's header fields
    /// (`Authorization`, cookies), so only its operation, cause and underlying error are kept.
    static func loggable(_ error: any Error) -> String {
        guard let operationError = error as? ServerError else { return String(reflecting: error) }
        return "OpenAPI operation \(operationError.operationID) failed: \(operationError.causeDescription); "
            + "underlying error: \(String(reflecting: operationError.underlyingError))"
    }
}

extension HTTPFields {
    /// Headers an error wants on its response, minus the ones describing a body we are replacing.
    fileprivate var problemSafe: HTTPFields {
        var fields = self
        fields[.contentType] = nil
        fields[.contentLength] = nil
        fields[.transferEncoding] = nil
        return fields
    }
}
