import ArgumentParser
import AsyncHTTPClient
import Flows
import Foundation
import Identity
import Logging
import NIOCore
import NIOHTTP1
import Persistence
import Promotions
import SQLKit
import Synchronization
import TestSupport
import TorvApp
import TorvCore

/// A Black Friday rush: N signed-in shoppers race through a flash sale's waiting room and checkout for
/// a few units, over HTTP against a `torv serve` child process, with a share of requests retried under
/// the same `Idempotency-Key` (a client that lost the answer). Every attempt is recorded; afterwards
/// the database is checked: units sold equal the allocation exactly, nothing oversold, stock and the
/// books conserved (Torv's invariant audit), every acknowledged order present once, and every claim
/// made by a place already admitted, admissions in arrival order. Printed next to the same-run
/// baseline of a bare guarded stock update through the driver.
struct FlashSaleBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flash-sale", abstract: "Shoppers racing through the waiting room and checkout for a flash sale.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(parsing: .upToNextOption, help: "Shoppers per run (100000 for a soak run).") var shoppers: [Int] = [
        1_000, 10_000,
    ]
    @Option(help: "Units in the flash sale.") var units = 100
    @Option(help: "Shoppers in flight at once.") var concurrency = 200
    @Option(help: "Waiting-room admissions per minute.") var admissionsPerMinute = 60_000
    @Option(help: "Percent of claims and checkouts sent twice with the same Idempotency-Key.") var retryPercent = 5
    @Option(help: "The torv executable (default: next to this one).") var torv: String?

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(
                connectionPool: .init(
                    idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(64, concurrency))))
        var rows: [[String]] = []
        var reports: [String] = []
        for name in ["sqlite", "postgres"] where backend == name || backend == "both" {
            for count in shoppers {
                guard let target = name == "sqlite" ? BenchDatabase.sqlite() : try await BenchDatabase.postgres()
                else { continue }
                let (row, report) = try await measure(target, shoppers: count, client: client, logger: logger)
                rows.append(row)
                reports.append(report)
                print(report)
            }
        }
        try await client.shutdown()
        print("")
        print(
            "Flash sale: \(units) units, \(admissionsPerMinute) admissions/min, \(concurrency) shoppers in flight, "
                + "\(retryPercent) % of claims and checkouts retried with the same Idempotency-Key.")
        print(
            "Shopper flow: join queue, poll until admitted, claim, cart, line, contact, address, delivery options, "
                + "delivery, check out by test card. p50/p99 over every request; join p99 over queue joins alone.")
        print(
            BenchTable.render(
                [
                    "backend", "shoppers", "attempts", "attempts/s", "failed", "unknown", "orders", "orders/s",
                    "p50 ms", "p99 ms", "p99÷p50", "join p99 ms", "sold", "oversold", "checks", "baseline/s",
                    "orders÷baseline",
                ], rows))
    }

    private func measure(
        _ target: BenchDatabase, shoppers count: Int, client: HTTPClient, logger: Logger
    ) async throws -> ([String], String) {
        var configuration = TorvConfiguration()
        configuration.databaseURL = target.url
        configuration.bcryptCost = 4
        var platform = try await TorvServer.openPlatform(configuration, logger: logger)
        try await platform.migrate()
        let shop = try await TestShop.seed(stock: 10_000, on: platform)
        let tokens = try await Self.customers(count, on: platform)
        let now = platform.clock.now()
        let sale = try await FlashSales.create(
            NewFlashSale(
                title: "Black Friday mug", variantID: shop.mug.rawValue, channel: "web",
                price: Money(minorUnits: 450, currency: .eur), quantity: units, perCustomerLimit: 1, startsAt: now,
                endsAt: now.addingTimeInterval(7200), admissionsPerMinute: admissionsPerMinute, holdMinutes: 10),
            by: AuditActor(kind: "system", id: "torv-bench"), on: platform
        ).sale
        await platform.database.shutdown()

        let port = 18_000 + Int.random(in: 0..<1000)
        let server = try CheckoutBenchmark.spawn(
            torv ?? CheckoutBenchmark.siblingExecutable("torv"), url: target.url, port: port,
            // Every bench shopper comes from 127.0.0.1: the per-address flash-sale limit would stop them
            // all. The per-account limit stays at its default.
            extra: ["TORV_FLASH_SALE_LIMIT_PER_IP": "1000000"])
        defer { if server.isRunning { server.terminate() } }
        let shopClient = ShopClient(client: client, base: "http://127.0.0.1:\(port)")
        try await shopClient.waitUntilReady()

        let record = Recorder()
        let next = Turnstile()
        let started = ContinuousClock.now
        let flow = RushFlow(
            shop: shopClient, saleID: sale.id.rawValue, variantID: shop.mug.rawValue, retryPercent: retryPercent,
            record: record)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(concurrency, count) {
                group.addTask {
                    while true {
                        let index = next.take()
                        guard index < count else { return }
                        await flow.shop(as: tokens[index])
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = Load.seconds(started.duration(to: .now))
        server.terminate()
        server.waitUntilExit()

        platform = try await TorvServer.openPlatform(configuration, logger: logger)
        let checks = try await Self.verify(sale.id, acknowledged: record.orders, units: units, on: platform)
        await platform.database.shutdown()
        let baseline = try await DriverBaseline.ordersPerSecond(
            target, tasks: 32, transactionsPerOrder: 1, seconds: 3, logger: logger)
        await target.cleanup()

        let stats = record.snapshot()
        let ordersPerSecond = stats.lastOrder.map { Double(record.orders.count) / max(0.001, $0) } ?? 0
        let p50 = Load(rate: 0, durations: stats.durations).percentile(0.5) * 1000
        let p99 = Load(rate: 0, durations: stats.durations).percentile(0.99) * 1000
        let joinP99 = Load(rate: 0, durations: stats.joins).percentile(0.99) * 1000
        let row = [
            target.backend, "\(count)", "\(stats.attempts)", String(format: "%.0f", Double(stats.attempts) / elapsed),
            "\(stats.failed)", "\(stats.unknown)", "\(record.orders.count)", String(format: "%.1f", ordersPerSecond),
            String(format: "%.1f", p50), String(format: "%.1f", p99), String(format: "%.1f", p99 / max(p50, 0.001)),
            String(format: "%.1f", joinP99), "\(checks.sold)", "\(checks.oversold)",
            checks.problems.isEmpty ? "all pass" : "\(checks.problems.count) FAILED", String(format: "%.0f", baseline),
            String(format: "%.3f", ordersPerSecond / baseline),
        ]
        var report =
            "\(target.backend) \(count) shoppers: \(row.joined(separator: " ")); retry mismatches \(stats.retryMismatches)"
        for problem in checks.problems { report += "\n  check failed: \(problem)" }
        return (row, report)
    }

    /// Registers and signs in `count` customers, eight at a time; their session tokens.
    static func customers(_ count: Int, on platform: Platform) async throws -> [String] {
        let next = Turnstile()
        return try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var mine: [(Int, String)] = []
                    while true {
                        let index = next.take()
                        guard index < count else { return mine }
                        let email = "shopper\(index)@bench.example"
                        _ = try await platform.identity.registerCustomer(
                            email: email, password: "bench password 1", name: "Shopper \(index)", requestID: nil,
                            in: platform.database)
                        let (session, _) = try await platform.identity.loginCustomer(
                            email: email, password: "bench password 1", in: platform.database)
                        mine.append((index, session.token))
                    }
                }
            }
            var tokens = [String](repeating: "", count: count)
            for try await part in group { for (index, token) in part { tokens[index] = token } }
            return tokens
        }
    }

    struct Checks {
        var sold = 0
        var oversold = 0
        var problems: [String] = []
    }

    /// What the database says after the rush.
    static func verify(
        _ saleID: FlashSaleID, acknowledged: [String], units: Int, on platform: Platform
    ) async throws -> Checks {
        var checks = Checks()
        let sale = try await platform.database.read { db in try await platform.promotions.flashSale(saleID, on: db) }
        checks.sold = sale.sold
        let flashLines = try await platform.database.read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM promotion_flash_claims
                WHERE sale_id = \(bind: saleID.rawValue) AND status = 'ordered'
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        checks.oversold = max(0, max(sale.sold, flashLines) - units)
        if sale.sold != units { checks.problems.append("sold \(sale.sold) of \(units) units") }
        if flashLines != sale.sold { checks.problems.append("\(flashLines) ordered claims, sale counts \(sale.sold)") }
        let unique = Set(acknowledged)
        if unique.count != acknowledged.count {
            checks.problems.append("\(acknowledged.count - unique.count) orders acknowledged twice")
        }
        var missing = 0
        for id in unique {
            let found = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM orders WHERE id = \(bind: id)").first()?
                    .decode(column: "n", as: Int.self) ?? 0
            }
            if found != 1 { missing += 1 }
        }
        if missing > 0 { checks.problems.append("\(missing) acknowledged orders missing") }
        if unique.count != sale.sold {
            checks.problems.append("\(unique.count) orders acknowledged, \(sale.sold) units sold")
        }
        // Arrival order: admission moments never go backwards along the queue, and no claim came
        // before its place's admission.
        let places = try await platform.database.read { db in
            try await db.raw(
                """
                SELECT position, admission_at FROM promotion_flash_queue
                WHERE sale_id = \(bind: saleID.rawValue) ORDER BY position
                """
            ).all().map { (try $0.int("position"), try $0.decode(column: "admission_at", as: Int64.self)) }
        }
        if zip(places, places.dropFirst()).contains(where: { $0.1 > $1.1 }) {
            checks.problems.append("an admission came before an earlier arrival's")
        }
        let early = try await platform.database.read { db in
            try await db.raw(
                """
                SELECT COUNT(*) AS n FROM promotion_flash_claims c
                JOIN promotion_flash_queue q ON q.sale_id = c.sale_id AND q.customer_id = c.customer_id
                WHERE c.sale_id = \(bind: saleID.rawValue) AND c.created_at < q.admission_at
                """
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        if early > 0 { checks.problems.append("\(early) claims before admission") }
        for finding in try await InvariantAudit.run(on: platform) {
            checks.problems.append("audit: \(finding)")
        }
        return checks
    }
}

/// One shopper's way through the rush.
struct RushFlow: Sendable {
    let shop: ShopClient
    let saleID: String
    let variantID: String
    let retryPercent: Int
    let record: Recorder

    func shop(as token: String) async {
        let bearer = [("Authorization", "Bearer \(token)")]
        guard
            let joined = await request(
                .POST, "/v1/store/flash-sales/\(saleID)/queue", headers: bearer, key: UUID().uuidString,
                isJoin: true), joined.status == 201, let queueToken = joined.body["token"] as? String
        else { return }
        var status = joined.body["status"] as? String
        var admissionAt = (joined.body["admission_at"] as? String).flatMap(Self.date)
        while status == "waiting" {
            let wait = min(2, max(0.05, admissionAt.map { $0.timeIntervalSinceNow } ?? 0.2))
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000)))
            guard let polled = await request(.GET, "/v1/store/flash-sales/\(saleID)/queue", headers: bearer),
                polled.status == 200
            else { return }
            status = polled.body["status"] as? String
            admissionAt = (polled.body["admission_at"] as? String).flatMap(Self.date)
        }
        guard status == "admitted" else { return }
        // Units held by others come back if their checkout fails; until the sale is sold out, try again.
        var claimed = false
        for _ in 0..<240 {
            guard
                let claim = await request(
                    .POST, "/v1/store/flash-sales/\(saleID)/claims", json: ["queue_token": queueToken],
                    headers: bearer, key: UUID().uuidString, mayRetry: true)
            else { return }
            if claim.status == 201 {
                claimed = true
                break
            }
            guard claim.body["code"] as? String == "flash_sale_all_held" else { return }
            try? await Task.sleep(for: .milliseconds(250))
        }
        guard claimed else { return }
        guard let cart = await request(.POST, "/v1/store/carts", json: ["currency": "EUR"], headers: bearer),
            cart.status == 201, let cartID = cart.body["id"] as? String
        else { return }
        let steps: [(HTTPMethod, String, [String: Any])] = [
            (.POST, "/lines", ["variant_id": variantID, "quantity": 1]),
            (.PUT, "/contact", ["email": "shopper@bench.example"]),
            (
                .PUT, "/addresses",
                [
                    "shipping": [
                        "name": "Bench Shopper", "line1": "Storgatan 1", "city": "Malmö", "postal_code": "211 22",
                        "country": "SE",
                    ]
                ]
            ),
        ]
        for (method, path, body) in steps {
            guard let answer = await request(method, "/v1/store/carts/\(cartID)\(path)", json: body, headers: bearer),
                answer.status == 200
            else { return }
        }
        guard
            let options = await request(.GET, "/v1/store/carts/\(cartID)/delivery-options", headers: bearer),
            let method = (options.body["shipping"] as? [[String: Any]])?.first?["method_id"] as? String,
            let delivery = await request(
                .PUT, "/v1/store/carts/\(cartID)/delivery", json: ["method_id": method], headers: bearer),
            delivery.status == 200
        else { return }
        let key = UUID().uuidString
        // An unknown outcome (a dropped connection) is retried with the same key, as a client would.
        for _ in 0..<5 {
            let answer = await request(
                .POST, "/v1/store/carts/\(cartID)/checkout",
                json: [
                    "payment_method": "card",
                    "card": ["number": "4242424242424242", "expiry_month": 12, "expiry_year": 2031, "cvc": "123"],
                ], headers: bearer, key: key, mayRetry: true)
            guard let answer else { continue }
            if answer.status == 201, let order = answer.body["order"] as? [String: Any],
                let id = order["id"] as? String
            {
                record.ordered(id)
            }
            return
        }
    }

    /// Sends one request and records it: succeeded (2xx), failed (an answered refusal) or unknown (no
    /// answer, or a 5xx). `mayRetry` sends it a second time under the same key for `retryPercent` of
    /// calls and counts a different answer as a mismatch.
    private func request(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers: [(String, String)],
        key: String? = nil, isJoin: Bool = false, mayRetry: Bool = false
    ) async -> (status: Int, body: [String: Any])? {
        var headers = headers
        if let key { headers.append(("Idempotency-Key", key)) }
        let began = ContinuousClock.now
        let answer = try? await shop.send(method, path, json: json, headers: headers)
        record.attempt(
            status: answer?.status, seconds: Load.seconds(began.duration(to: .now)), isJoin: isJoin)
        guard let answer, mayRetry, key != nil, Int.random(in: 0..<100) < retryPercent else { return answer }
        let again = try? await shop.send(method, path, json: json, headers: headers)
        record.attempt(status: again?.status, seconds: Load.seconds(began.duration(to: .now)), isJoin: false)
        if again?.status != answer.status
            || (again?.body["order"] as? [String: Any])?["id"] as? String
                != (answer.body["order"] as? [String: Any])?["id"] as? String
        {
            record.retryMismatch()
        }
        return answer
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}

/// Every attempt of a run, from many tasks.
final class Recorder: Sendable {
    struct Stats: Sendable {
        var attempts = 0
        var failed = 0
        var unknown = 0
        var retryMismatches = 0
        var durations: [Double] = []
        var joins: [Double] = []
        var orderIDs: [String] = []
        var lastOrder: Double?
    }

    private let state = Mutex(Stats())
    private let started = ContinuousClock.now

    func attempt(status: Int?, seconds: Double, isJoin: Bool) {
        state.withLock { stats in
            stats.attempts += 1
            stats.durations.append(seconds)
            if isJoin { stats.joins.append(seconds) }
            switch status {
            case .some(200..<300): break
            case .some(400..<500): stats.failed += 1
            default: stats.unknown += 1
            }
        }
    }

    func retryMismatch() { state.withLock { $0.retryMismatches += 1 } }

    func ordered(_ id: String) {
        let at = Load.seconds(started.duration(to: .now))
        state.withLock {
            $0.orderIDs.append(id)
            $0.lastOrder = at
        }
    }

    var orders: [String] { state.withLock { $0.orderIDs } }

    func snapshot() -> Stats { state.withLock { $0 } }
}

/// Hands out 0, 1, 2, … to many tasks.
final class Turnstile: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}
