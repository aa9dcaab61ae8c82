public import Foundation
import HTTPTypes
public import Hummingbird
import NIOCore
import Synchronization

/// A shared cache in front of the routes (RFC 9111's "shared cache", as a CDN or nginx micro-cache
/// would be): a `GET` answered `200` with `Cache-Control: public, max-age=N` is served from memory for
/// N seconds to any anonymous request for the same URI, without routing, decoding or encoding again.
///
/// Handlers opt in by sending that header, or — generated OpenAPI handlers, which cannot set it
/// verbatim (the runtime percent-encodes header values) — by calling ``PublicFreshness/declare(maxAge:)``, and
/// only public data does (the storefront's product pages, whose handler computes N so the page is never
/// kept past its own freshness). Requests that carry credentials or a cookie, or ask for `no-cache`,
/// always reach the handler.
public struct SharedResponseCache<Context: RequestContext>: RouterMiddleware {
    let store: Store
    let now: @Sendable () -> Date

    public init(capacity: Int = 2048, now: @escaping @Sendable () -> Date) {
        self.store = Store(capacity: capacity)
        self.now = now
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .get else { return try await next(request, context) }
        guard request.headers[.authorization] == nil, request.headers[.cookie] == nil,
            request.headers[.cacheControl]?.contains("no-cache") != true
        else { return try await declaring(request, context, next) }
        let key = request.uri.description
        let moment = now()
        if let hit = store.fresh(key, at: moment) {
            var headers = hit.headers
            headers[.age] = String(max(0, Int(moment.timeIntervalSince(hit.stored))))
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: hit.body))
        }
        let response = try await declaring(request, context, next)
        guard response.status == .ok, let lifetime = Self.sharedLifetime(response.headers[.cacheControl]),
            lifetime > 0
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        store.keep(
            Store.Entry(
                headers: response.headers, body: collector.buffer, stored: moment,
                expires: moment.addingTimeInterval(Double(lifetime))), for: key, at: moment)
        return Response(status: .ok, headers: response.headers, body: .init(byteBuffer: collector.buffer))
    }

    /// Runs the route with a place to declare freshness, and turns a declaration into the header.
    private func declaring(
        _ request: Request, _ context: Context, _ next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let declaration = PublicFreshness.Declaration()
        var response = try await PublicFreshness.$declared.withValue(declaration) { try await next(request, context) }
        if let maxAge = declaration.maxAge.withLock({ $0 }), response.status == .ok {
            response.headers[.cacheControl] = "public, max-age=\(maxAge)"
        }
        return response
    }

    /// N of `public, max-age=N`; nil when the response is not meant for shared caches.
    static func sharedLifetime(_ cacheControl: String?) -> Int? {
        guard let cacheControl else { return nil }
        let directives = cacheControl.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard directives.contains("public"), !directives.contains("private"), !directives.contains("no-store"),
            let maxAge = directives.first(where: { $0.hasPrefix("max-age=") })
        else { return nil }
        return Int(maxAge.dropFirst("max-age=".count))
    }

    final class Store: Sendable {
        struct Entry: Sendable {
            let headers: HTTPFields
            let body: ByteBuffer
            let stored: Date
            let expires: Date
        }

        let capacity: Int
        private let entries = Mutex<[String: Entry]>([:])

        init(capacity: Int) { self.capacity = capacity }

        func fresh(_ key: String, at moment: Date) -> Entry? {
            entries.withLock { entries in
                guard let entry = entries[key], entry.expires > moment else { return nil }
                return entry
            }
        }

        func keep(_ entry: Entry, for key: String, at moment: Date) {
            entries.withLock { entries in
                if entries.count >= capacity {
                    entries = entries.filter { $0.value.expires > moment }
                    if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                }
                entries[key] = entry
            }
        }
    }
}

/// Gathers a response body that was produced as a stream, to keep it.
private final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        var part = part
        buffer.writeBuffer(&part)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// How a handler says "this answer is public and fresh for N seconds" when it cannot set headers
/// itself; ``SharedResponseCache`` turns it into `Cache-Control: public, max-age=N`.
public enum PublicFreshness {
    /// Marks the response being produced in this task as public and fresh for `maxAge` seconds.
    public static func declare(maxAge: Int) {
        declared?.maxAge.withLock { $0 = max(0, maxAge) }
    }

    @TaskLocal static var declared: Declaration?

    final class Declaration: Sendable {
        let maxAge = Mutex<Int?>(nil)
    }
}
