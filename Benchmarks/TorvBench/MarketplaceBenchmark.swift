import ArgumentParser
import Checkout
import Flows
import Foundation
import Logging
import Orders
import Payments
import Persistence
import Sellers
import TestSupport
import TorvApp
import TorvCore

/// Checkout of carts holding one item from each of 1, 3 and 10 marketplace sellers, in process through the
/// same flows the API calls: each order takes every seller's units with a guarded update, splits into a
/// sub-order per seller with the platform's fees, and is paid by test card. The 1-seller cart, measured in
/// the same run, is the baseline (target: 10-seller carts at ≥ 50 % of its orders/s).
struct MarketplaceBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marketplace", abstract: "Checkout of carts from 1, 3 and 10 sellers against 1-seller carts.")

    @Option(help: "sqlite, postgres or both.") var backend = "both"
    @Option(help: "Seconds measured per cell (after a short warm-up).") var seconds = 5.0
    @Option(help: "Concurrent shoppers.") var shoppers = 8
    @Option(parsing: .upToNextOption, help: "Sellers per cart.") var sellers: [Int] = [1, 3, 10]

    func run() async throws {
        var logger = Logger(label: "torv.bench")
        logger.logLevel = .warning
        var rows: [[String]] = []
        if backend == "sqlite" || backend == "both" { rows += try await measure(BenchDatabase.sqlite(), logger) }
        if backend == "postgres" || backend == "both", let postgres = try await BenchDatabase.postgres() {
            rows += try await measure(postgres, logger)
        }
        print("")
        print(
            "Marketplace checkout, \(shoppers) concurrent shoppers, \(seconds) s per cell: cart, one line per seller, "
                + "contact, address, delivery, card payment (in process).")
        print(BenchTable.render(["backend", "sellers", "orders/s", "p50 ms", "p99 ms", "÷ 1-seller"], rows))
    }

    private func measure(_ target: BenchDatabase, _ logger: Logger) async throws -> [[String]] {
        var configuration = TorvConfiguration()
        configuration.databaseURL = target.url
        configuration.bcryptCost = 4
        let platform = try await TorvServer.openPlatform(configuration, logger: logger)
        try await platform.migrate()
        let shop = try await TestShop.seed(stock: 1_000_000_000, on: platform)
        try await TestMarketplace.setCommission(on: platform)
        var offers: [SellerOffer] = []
        for index in 0..<(sellers.max() ?? 1) {
            let seller = try await TestMarketplace.approvedSeller("Bench seller \(index)", on: platform)
            offers.append(
                try await TestMarketplace.offer(
                    shop.teeS.rawValue, by: seller, price: 1_000 + Int64(index), quantity: Sellers.maximumOfferQuantity,
                    on: platform))
        }
        var rows: [[String]] = []
        var baseline: Double?
        for count in sellers {
            let chosen = Array(offers.prefix(count))
            let load = try await Load.run(tasks: shoppers, seconds: seconds) {
                try await Self.buy(chosen, shop: shop, on: platform)
            }
            baseline = baseline ?? load.rate
            rows.append([
                target.backend, "\(count)", String(format: "%.1f", load.rate),
                String(format: "%.0f", load.percentile(0.5) * 1000),
                String(format: "%.0f", load.percentile(0.99) * 1000),
                String(format: "%.2f", load.rate / (baseline ?? load.rate)),
            ])
            print("\(target.backend) \(count) sellers: \(rows.last!.joined(separator: " "))")
        }
        await platform.database.shutdown()
        await target.cleanup()
        return rows
    }

    /// One paid order with one unit from each offer's seller.
    static func buy(_ offers: [SellerOffer], shop: TestShop, on platform: Platform) async throws {
        let created = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
        guard let token = created.guestToken else { throw ShopClient.Failure(description: "no guest token") }
        let (id, access) = (created.cart.id, CartAccess.guest(token: token))
        for offer in offers {
            _ = try await ShoppingCarts.addLine(
                variant: offer.variantID, offer: offer.id.rawValue, quantity: 1, to: id, access: access, on: platform)
        }
        _ = try await ShoppingCarts.setContact(
            email: "bench@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: id, access: access, on: platform)
        let outcome = try await OrderPlacement.checkOut(
            id, access: access, key: UUID().uuidString, payment: .card(number: TestCard.approves), on: platform)
        guard outcome.order.status == .paid else {
            throw ShopClient.Failure(description: "order \(outcome.order.number) is \(outcome.order.status)")
        }
    }
}
