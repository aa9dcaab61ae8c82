public import Flows
import Foundation
import HTTPTypes
public import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime
public import Prometheus
import TorvAPI
import TorvCore

/// Builds the one router production and tests share (the Hummingbird template's `buildApplication`
/// idea): middleware order, infrastructure routes and the generated API.
public enum TorvRouter {
    public static func build(
        platform: Platform, settings: HTTPSettings = HTTPSettings(), metrics: PrometheusCollectorRegistry? = nil,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) throws -> Router<TorvRequestContext> {
        let specification = try APISpecification.load()
        let reference = try APIReference()
        let docsPage = try reference.render(openAPIJSON: specification.json)

        let router = Router(context: TorvRequestContext.self)
        // Outermost first: every response carries a request ID and security headers, every error
        // becomes problem+json, and floods are turned away before a body is read.
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(
            middleware: RateLimitMiddleware(
                limiter: RateLimiter(
                    capacity: Double(settings.requestsPerMinutePerAddress),
                    refillPerSecond: Double(settings.requestsPerMinutePerAddress) / 60, now: now)))
        router.add(middleware: BodyLimitMiddleware(maxBytes: settings.maxBodyBytes))
        router.add(middleware: SharedResponseCache(now: { platform.clock.now() }))

        let json = specification.json
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: json)))
        }
        router.get("/docs") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: docsPage)))
        }
        let stylesheet = reference.stylesheet
        router.get(RouterPath(APIReference.stylesheetPath)) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: stylesheet)))
        }
        router.get("/media/demo/:file") { _, context in
            guard let file = context.parameters.get("file"), let svg = DemoPicture.svg(file: file) else {
                return Response(status: .notFound)
            }
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: ByteBuffer(string: svg)))
        }
        guard let templates = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw APIReferenceError.missingTemplate("Templates")
        }
        try TestBankPage(templatesDirectory: templates).register(on: router, platform: platform)
        let pages = try PageTemplates(directory: templates)
        StorefrontPages(platform: platform, templates: pages, settings: settings.shop).register(on: router)
        ConsolePages(platform: platform, templates: pages, settings: settings.shop).register(on: router)
        if let metrics {
            router.get("/metrics") { _, _ in
                var buffer: [UInt8] = []
                metrics.emit(into: &buffer)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                    body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
            }
        }

        let principalLimiter = RateLimiter(
            capacity: Double(settings.requestsPerMinutePerPrincipal),
            refillPerSecond: Double(settings.requestsPerMinutePerPrincipal) / 60, now: now)
        try APIHandlers(platform: platform, flashSaleThrottle: FlashSaleThrottle(settings: settings, now: now))
            .registerHandlers(
                on: router,
                // Compact, key-sorted JSON: stable bytes for idempotent replays and caches.
                configuration: Configuration(jsonEncodingOptions: [.sortedKeys]),
                middlewares: [
                    AccessMiddleware(
                        policies: specification.operations, identity: platform.identity, database: platform.database,
                        limiter: principalLimiter),
                    IdempotencyMiddleware(
                        operations: Set(specification.operations.values.filter(\.idempotent).map(\.operationID)),
                        store: platform.idempotency, database: platform.database, maxBody: settings.maxBodyBytes),
                ])
        return router
    }
}
