public import Flows
import Foundation
import Hummingbird
import Identity
public import Logging
import Metrics
import Persistence
import Prometheus
import ServiceLifecycle
import Synchronization
import TorvCore
import TorvHTTP

/// Starts Torv: logging, metrics, database, migrations, HTTP and the background workers.
public enum TorvServer {
    /// Runs until SIGINT or SIGTERM, then drains requests and workers.
    /// - Parameter prepare: runs after migrations and before the server listens (the demo seeds here).
    public static func run(
        _ configuration: TorvConfiguration,
        prepare: (@Sendable (Platform) async throws -> Void)? = nil
    ) async throws {
        let registry = bootstrapObservability(configuration)
        let logger = logger(configuration)
        let platform = try await openPlatform(configuration, logger: logger)
        do {
            let applied = try await platform.migrate()
            if !applied.isEmpty { logger.info("migrated", metadata: ["applied": "\(applied.count)"]) }
            try await prepare?(platform)
            try await Maintenance.schedule(on: platform)
        } catch {
            await platform.database.shutdown()
            throw error
        }

        let router = try TorvRouter.build(
            platform: platform,
            settings: HTTPSettings(
                maxBodyBytes: configuration.maxBodyBytes,
                requestsPerMinutePerAddress: configuration.rateLimitPerIP,
                requestsPerMinutePerPrincipal: configuration.rateLimitPerPrincipal,
                flashSaleRequestsPerMinutePerAddress: configuration.flashSaleLimitPerIP,
                flashSaleRequestsPerMinutePerAccount: configuration.flashSaleLimitPerAccount,
                shop: ShopSettings(
                    shopName: configuration.shopName, currency: Currency(code: configuration.shopCurrency) ?? .eur,
                    locale: Locale(identifier: configuration.shopLocale),
                    timeZone: TimeZone(identifier: configuration.shopTimeZone) ?? .gmt)),
            metrics: registry)
        var services: [any Service] = []
        if configuration.runWorkers {
            services.append(OutboxRelay(database: platform.database, outbox: platform.outbox, logger: logger))
            services.append(
                JobWorker(
                    database: platform.database, queue: platform.jobs, handlers: Maintenance.handlers(platform),
                    logger: logger))
            services.append(TestCardWebhookRelay(platform: platform, logger: logger))
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "torv"),
            services: services,
            onServerRunning: { _ in
                logger.notice(
                    "Torv is serving", metadata: ["url": "http://\(configuration.host):\(configuration.port)"])
            },
            logger: logger)
        do {
            try await app.runService()
        } catch {
            await platform.database.shutdown()
            throw error
        }
        await platform.database.shutdown()
    }

    public static func logger(_ configuration: TorvConfiguration) -> Logger {
        var logger = Logger(label: "torv")
        logger.logLevel = configuration.logLevel
        return logger
    }

    public static func openPlatform(_ configuration: TorvConfiguration, logger: Logger) async throws -> Platform {
        let database = try await DatabaseConnector.open(
            url: configuration.databaseURL, maxConnections: configuration.databaseMaxConnections, logger: logger)
        return Platform(
            database: database, passwords: .bcrypt(cost: UInt8(configuration.bcryptCost)),
            productPages: ProductPageCache(lifetime: .seconds(configuration.productPageCacheSeconds)))
    }

    /// Logging and metrics back-ends can be installed once per process.
    private static let observability = Mutex<PrometheusCollectorRegistry?>(nil)

    static func bootstrapObservability(_ configuration: TorvConfiguration) -> PrometheusCollectorRegistry {
        observability.withLock { existing in
            if let existing { return existing }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            let level = configuration.logLevel
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
            existing = registry
            return registry
        }
    }
}
