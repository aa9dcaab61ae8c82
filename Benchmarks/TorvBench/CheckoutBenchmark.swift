import ArgumentParser
import AsyncHTTPClient
import Flows
import Foundation
import Logging
import NIOCore
import Persistence
import TestSupport
import TorvApp

/// The shopper's whole HTTP flow — browse, cart, address, delivery, check out and pay by test card —
/// against a `torv serve` child process, at several numbers of concurrent shoppers. Printed next to
/// two baselines measured in the same run: a bare Hummingbird route (the cost of HTTP alone, for
/// product reads) and the same number of database transactions per order issued straight through
/// the driver (for orders/s). The server's peak memory is read from /proc.
struct CheckoutBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkout", abstract: "HTTP browse-to-paid-order throughput and latency against baselines.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(help: "Seconds measured per cell (after a short warm-up).") var seconds = 5.0
    @Option(parsing: .upToNextOption, help: "Concurrent shoppers.") var shoppers: [Int] = [1, 8, 32, 64]
    @Option(help: "The torv executable (default: next to this one).") var torv: String?

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 128)))
        let bare = try await BareRoute.measure(client: client, shoppers: shoppers, seconds: seconds)
        var rows: [[String]] = []
        if backend == "sqlite" || backend == "both" {
            rows += try await measure(BenchDatabase.sqlite(), client: client, bare: bare, logger: logger)
        }
        if backend == "postgres" || backend == "both", let postgres = try await BenchDatabase.postgres() {
            rows += try await measure(postgres, client: client, bare: bare, logger: logger)
        }
        try await client.shutdown()
        print("")
        print(
            "HTTP checkout flow (8 requests per order: product page, cart, line, contact, address, delivery options, delivery, pay);"
        )
        print("\(seconds) s per cell. Reads: GET /v1/store/products/{slug} against a bare Hummingbird route.")
        print(
            BenchTable.render(
                [
                    "backend", "shoppers", "reads/s", "bare/s", "reads÷bare", "orders/s", "p50 ms", "p99 ms",
                    "driver orders/s", "orders÷driver",
                ], rows))
    }

    private func measure(
        _ target: BenchDatabase, client: HTTPClient, bare: [Int: Double], logger: Logger
    ) async throws -> [[String]] {
        var configuration = TorvConfiguration()
        configuration.databaseURL = target.url
        configuration.bcryptCost = 4
        let platform = try await TorvServer.openPlatform(configuration, logger: logger)
        try await platform.migrate()
        _ = try await TestShop.seed(stock: 1_000_000_000, on: platform)
        await platform.database.shutdown()

        let port = 18_000 + Int.random(in: 0..<1000)
        let server = try Self.spawn(torv ?? Self.siblingExecutable("torv"), url: target.url, port: port)
        defer { if server.isRunning { server.terminate() } }
        let shop = ShopClient(client: client, base: "http://127.0.0.1:\(port)")
        try await shop.waitUntilReady()
        let variant = try await shop.variantID(slug: "tee")
        let transactionsPerOrder = try await Self.transactionsPerOrder(shop: shop, variant: variant)

        var rows: [[String]] = []
        for count in shoppers {
            let reads = try await Load.run(tasks: count, seconds: seconds) { _ = try await shop.productPage() }
            let orders = try await Load.run(tasks: count, seconds: seconds) {
                try await shop.buy(variant: variant)
            }
            let driver = try await DriverBaseline.ordersPerSecond(
                target, tasks: count, transactionsPerOrder: transactionsPerOrder, seconds: seconds, logger: logger)
            let bareRate = bare[count] ?? .nan
            rows.append([
                target.backend, "\(count)", Self.format(reads.rate), Self.format(bareRate),
                String(format: "%.2f", reads.rate / bareRate), String(format: "%.1f", orders.rate),
                String(format: "%.0f", orders.percentile(0.5) * 1000),
                String(format: "%.0f", orders.percentile(0.99) * 1000),
                String(format: "%.1f", driver), String(format: "%.2f", orders.rate / driver),
            ])
            print("\(target.backend) \(count) shoppers: \(rows.last!.joined(separator: " "))")
        }
        let peak = Self.peakMemoryMB(of: server.processIdentifier)
        print(
            "\(target.backend): server peak memory (VmHWM) \(peak.map { String(format: "%.0f MB", $0) } ?? "n/a"); "
                + "\(String(format: "%.1f", transactionsPerOrder)) write transactions per order")
        server.terminate()
        server.waitUntilExit()
        await target.cleanup()
        return rows
    }

    /// Write transactions per order, counted by the server itself (its `torv_db_transaction_seconds`
    /// timer in `/metrics`) over twenty orders; background work in the window is included.
    static func transactionsPerOrder(shop: ShopClient, variant: String) async throws -> Double {
        let before = try await shop.metric("torv_db_transaction_seconds_count")
        for _ in 0..<20 { try await shop.buy(variant: variant) }
        let after = try await shop.metric("torv_db_transaction_seconds_count")
        return (after - before) / 20
    }

    static func spawn(_ executable: String, url: String, port: Int, extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--database-url", url, "--port", "\(port)"]
        var environment = ProcessInfo.processInfo.environment
        environment["TORV_RATE_LIMIT_PER_IP"] = "1000000"
        environment["TORV_RATE_LIMIT_PER_PRINCIPAL"] = "1000000"
        environment["TORV_LOG_LEVEL"] = "warning"
        environment["TORV_BCRYPT_COST"] = "4"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        try process.run()
        return process
    }

    static func siblingExecutable(_ name: String) -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent(name).path
    }

    static func peakMemoryMB(of pid: Int32) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes / 1024
    }

    static func format(_ value: Double) -> String { String(format: "%.0f", value) }

}
