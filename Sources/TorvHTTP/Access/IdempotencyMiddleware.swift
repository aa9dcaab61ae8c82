import Crypto
import Foundation
public import HTTPTypes
import Identity
import Logging
public import OpenAPIRuntime
public import Persistence

/// Makes retried writes safe: the first request with an `Idempotency-Key` runs, its response is
/// stored, and a retry with the same key and body gets that response again instead of a second
/// effect. Keys are scoped per principal (or per client address for anonymous calls) and operation.
///
/// Only responses below 500 are stored; after a thrown error or a 5xx the key is released so the
/// retry runs again. Flows whose effect must survive a crash between commit and storing the
/// response (checkout) also keep the key in their own table under a unique constraint.
public struct IdempotencyMiddleware: ServerMiddleware {
    let operations: Set<String>
    let store: IdempotencyStore
    let database: Database
    let maxBody: Int

    public init(operations: Set<String>, store: IdempotencyStore, database: Database, maxBody: Int = 1 << 20) {
        self.operations = operations
        self.store = store
        self.database = database
        self.maxBody = maxBody
    }

    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operations.contains(operationID), let key = request.headerFields[.idempotencyKey] else {
            return try await next(request, body, metadata)
        }
        guard (1...255).contains(key.count), key.allSatisfy({ $0.isASCII && !$0.isNewline && $0 != "\0" }) else {
            throw RequestError.invalidIdempotencyKey
        }
        let bytes: [UInt8] = if let body { try await [UInt8](collecting: body, upTo: maxBody) } else { [] }
        let scope = Self.scope(operationID: operationID, cartToken: request.headerFields[.cartToken])
        let fingerprint = Self.fingerprint(method: request.method.rawValue, path: request.path ?? "", body: bytes)

        switch try await store.begin(scope: scope, key: key, fingerprint: fingerprint, in: database) {
        case .replay(let stored):
            var response = HTTPResponse(status: .init(code: stored.status))
            if let type = stored.contentType { response.headerFields[.contentType] = type }
            response.headerFields[.idempotentReplayed] = "true"
            return (response, HTTPBody(stored.body))
        case .inFlight:
            throw RequestError.idempotencyKeyInFlight
        case .mismatch:
            throw RequestError.idempotencyKeyReused
        case .proceed:
            do {
                let (response, responseBody) = try await next(request, HTTPBody(bytes), metadata)
                guard response.status.code < 500 else {
                    try await store.abandon(scope: scope, key: key, in: database)
                    return (response, responseBody)
                }
                let text: String =
                    if let responseBody { try await String(collecting: responseBody, upTo: 4 << 20) } else { "" }
                try await store.complete(
                    scope: scope, key: key,
                    response: StoredResponse(
                        status: response.status.code, contentType: response.headerFields[.contentType], body: text),
                    in: database)
                return (response, HTTPBody(text))
            } catch {
                try? await store.abandon(scope: scope, key: key, in: database)
                throw error
            }
        }
    }

    /// Hashes the request so a retry can be told from a different request. A JSON body is hashed in
    /// canonical form (sorted keys, no whitespace): clients may serialise the same object differently.
    static func fingerprint(method: String, path: String, body: [UInt8]) -> String {
        var canonical = Data(body)
        if let object = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed]),
            let sorted = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        {
            canonical = sorted
        }
        var hasher = SHA256()
        hasher.update(data: Data("\(method) \(path)\n".utf8))
        hasher.update(data: canonical)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// A guest is known by the cart token they hold (hashed: the scope is stored), so two guests
    /// behind one address never share keys and one guest keeps them across networks.
    static func scope(operationID: String, cartToken: String? = nil) -> String {
        if let principal = Caller.principal {
            return "\(principal.kind.rawValue):\(principal.id):\(operationID)"
        }
        if let cartToken, !cartToken.isEmpty {
            let digest = SHA256.hash(data: Data(cartToken.utf8)).prefix(16).map { String(format: "%02x", $0) }
            return "guest:\(digest.joined()):\(operationID)"
        }
        return "anonymous:\(RequestInfo.clientAddress ?? "unknown"):\(operationID)"
    }
}

extension HTTPField.Name {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    /// Tells a client that it got the stored answer of an earlier request.
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
    /// A guest's proof of access to their cart.
    static let cartToken = HTTPField.Name("X-Cart-Token")!
}
