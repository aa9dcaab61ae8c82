import Foundation
public import HTTPTypes
public import Identity
public import Logging
public import OpenAPIRuntime
public import Persistence

/// Checks every operation's declared access before its handler runs.
///
/// An operation the document does not declare is refused (deny by default); a staff operation checks
/// the permission; customers reach only customer operations, staff only staff operations.
public struct AccessMiddleware: ServerMiddleware {
    let policies: [String: OperationPolicy]
    let identity: Identity
    let database: Database
    let limiter: RateLimiter?
    let logger: Logger

    public init(
        policies: [String: OperationPolicy], identity: Identity, database: Database, limiter: RateLimiter?,
        logger: Logger = Logger(label: "torv.access")
    ) {
        self.policies = policies
        self.identity = identity
        self.database = database
        self.limiter = limiter
        self.logger = logger
    }

    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let policy = policies[operationID] else {
            logger.error("operation without an access rule was called", metadata: ["operation": "\(operationID)"])
            throw RequestError.operationNotDeclared(operationID)
        }
        if case .anyone = policy.access {
            return try await next(request, body, metadata)
        }
        if case .shopper = policy.access, request.headerFields[.authorization] == nil {
            return try await next(request, body, metadata)
        }
        guard let token = Self.bearerToken(request.headerFields[.authorization]) else {
            throw IdentityError.unauthenticated
        }
        let principal = try await identity.authenticate(bearer: token, in: database)
        try Self.check(principal, against: policy.access)
        if let limiter, case .denied(let retryAfter) = limiter.take("principal:\(principal.id)") {
            throw Problem.rateLimited(retryAfter: retryAfter)
        }
        return try await Caller.$principal.withValue(principal) {
            try await next(request, body, metadata)
        }
    }

    static func check(_ principal: Principal, against access: Access) throws {
        switch access {
        case .anyone:
            return
        case .customer, .shopper:
            guard principal.kind == .customer else { throw RequestError.wrongPrincipal }
        case .seller(let permission):
            guard principal.kind == .sellerUser, principal.sellerID != nil else { throw RequestError.wrongPrincipal }
            if let permission, !principal.allows(permission) { throw IdentityError.forbidden(permission) }
        case .staff(let permission):
            guard principal.kind == .staff || principal.kind == .apiKey else { throw RequestError.wrongPrincipal }
            if let permission, !principal.allows(permission) { throw IdentityError.forbidden(permission) }
        case .staffUser(let permission):
            guard principal.kind != .customer, principal.kind != .sellerUser else { throw RequestError.wrongPrincipal }
            guard principal.kind == .staff else { throw RequestError.staffUserOnly }
            if let permission, !principal.allows(permission) { throw IdentityError.forbidden(permission) }
        }
    }

    /// `Authorization: Bearer <token>`, scheme case-insensitive (RFC 9110 §11.1).
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty || token.count > 512 ? nil : token
    }
}
