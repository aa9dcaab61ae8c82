import Catalog
public import Flows
import Foundation
import Identity
import Inventory
import Persistence
import TorvCore

/// The sample data of `torv demo`, made by the project (nothing is downloaded). Seeding is
/// idempotent: a demo database that has its owner already is left as it is.
public enum DemoShop {
    public static let ownerEmail = "owner@torv.demo"
    public static let ownerPassword = "torv-demo-owner"
    static let staffPassword = "torv-demo-staff"
    static let customerPassword = "torv-demo-shopper"

    public struct Summary: Sendable {
        public var created: Bool
        public var apiKeyToken: String?
        public var products = 0
        public var orders = 0
        public var entries = 0
        public var sellerOffers = 0

        func banner(url: String) -> String {
            var lines = [
                "", "Torv demo shop", "  Shop & API:   \(url)", "  API reference: \(url)/docs",
                "  OpenAPI:      \(url)/openapi.json",
                "  Staff sign-in: \(ownerEmail) / \(ownerPassword)  (POST /v1/admin/auth/login)",
                "  Shopper:      ada@torv.demo / \(customerPassword)  (POST /v1/store/auth/login)",
            ]
            if let apiKeyToken {
                lines.append("  API key (read-only, shown once): \(apiKeyToken)")
            }
            lines.append("  Catalogue:    \(url)/v1/store/products")
            lines.append(
                "  Seller:       nordic@torv.demo / \(DemoMarketplace.sellerPassword)  (POST /v1/seller/auth/login)")
            lines.append(
                "  Books:        ann@torv.demo / \(staffPassword) (accountant), e.g. GET /v1/admin/finance/reports/profit-and-loss"
            )
            lines.append(
                created
                    ? "  (new demo data created: \(products) products, \(orders) orders over \(historyDays) days, "
                        + "\(entries) ledger entries, \(DemoMarketplace.sellers.count) sellers with \(sellerOffers) offers)"
                    : "  (demo data from an earlier run)")
            lines.append("")
            return lines.joined(separator: "\n")
        }
    }

    /// How far back the demo's trading history reaches.
    static let historyDays = 75

    public static func seed(on platform: Platform) async throws -> Summary {
        let identity = platform.identity
        let existing = try await platform.database.read { db in
            try await identity.staffUsers(after: nil, limit: 1, on: db)
        }
        guard existing.isEmpty else { return Summary(created: false, apiKeyToken: nil) }

        // Everything is booked on a clock that starts in the past and walks to now, so prices, stock
        // and orders carry believable dates.
        let now = platform.clock.now()
        let startOfToday = Calendar(identifier: .gregorian).startOfDay(for: now)
        let clock = ManualClock(startOfToday.addingTimeInterval(-Double(historyDays) * 86400))
        let past = platform.on(clock.wallClock)

        _ = try await Administrators.createOwner(
            email: ownerEmail, name: "Olivia Owner", password: ownerPassword, on: past)
        for (email, name, role) in [
            ("sam@torv.demo", "Sam Support", "support"), ("avery@torv.demo", "Avery Auditor", "auditor"),
            ("alex@torv.demo", "Alex Admin", "administrator"), ("wes@torv.demo", "Wes Warehouse", "warehouse"),
            ("mia@torv.demo", "Mia Merchandiser", "merchandiser"), ("ann@torv.demo", "Ann Accountant", "accountant"),
            ("bo@torv.demo", "Bo Buyer", "buyer"), ("max@torv.demo", "Max Marketing", "marketing"),
        ] {
            _ = try await past.identity.createStaffUser(
                NewStaffUser(email: email, name: name, password: staffPassword, roles: [role]), by: .system,
                granting: .all, in: past.database)
        }
        var customers: [String: String] = [:]
        for (email, name) in [
            ("ada@torv.demo", "Ada Lovelace"), ("grace@torv.demo", "Grace Hopper"), ("alan@torv.demo", "Alan Turing"),
            ("katherine@torv.demo", "Katherine Johnson"), ("linus@torv.demo", "Linus Nilsson"),
        ] {
            if case .created(let account) = try await past.identity.registerCustomer(
                email: email, password: customerPassword, name: name, requestID: nil, in: past.database)
            {
                customers[email] = account.id.rawValue
            }
        }
        let catalogue = DemoCatalog.generate()
        let report = try await CatalogImport.run(
            csv: catalogue.csv, dryRun: false, by: AuditActor(kind: "system", id: "torv demo"), on: past)
        let locations = try await DemoStock.seed(skus: catalogue.skus, unitCosts: catalogue.unitCosts, on: past)
        try await DemoBooks.open(on: past)
        let suppliers = try await DemoPurchasing.early(
            skus: catalogue.skus, unitCosts: catalogue.unitCosts, warehouse: locations[0].id, on: past)
        try await DemoCommerce.seed(on: past)
        if let grace = customers["grace@torv.demo"], let alan = customers["alan@torv.demo"] {
            try await DemoCommerce.company(buyer: grace, approver: alan, on: past)
        }
        let giftCards = try await DemoGiftCards.issue(customers: customers, on: past)
        try await DemoPromotions.seed(until: now, on: past)
        clock.advance(by: 3600)
        let orders = try await DemoHistory.run(
            on: past, clock: clock, until: now, skus: catalogue.skus,
            shoppers: DemoShoppers.all(registered: customers), store: locations[2].id, warehouse: locations[0].id,
            plan: DemoHistory.Plan(days: historyDays, ordersPerDay: 3.2), giftCards: giftCards)

        try await DemoPurchasing.today(suppliers, warehouse: locations[0].id, on: past)
        // The marketplace opened a month ago: its sellers have sold, shipped and been paid since.
        let marketClock = ManualClock(now.addingTimeInterval(-30 * 86_400))
        let market = platform.on(marketClock.wallClock)
        let sellerOffers = try await DemoMarketplace.seed(
            skus: catalogue.skus, holidayUntil: now.addingTimeInterval(10 * 86_400), on: market)
        try await DemoMarketplaceOrders.seed(
            buyers: Array(customers.keys).sorted(), clock: marketClock, until: now, on: market)
        try await DemoBuyRequests.seed(on: platform)
        try await DemoPromotions.flashSale(skus: catalogue.skus, on: platform)
        try await DemoPromotions.groupDeal(
            skus: catalogue.skus, joiners: ["ada@torv.demo", "linus@torv.demo"].compactMap { customers[$0] },
            on: platform)

        // The books of the whole history, posted now rather than by the relay after start-up, so the
        // first report a visitor asks for is complete.
        let books = try await platform.bookkeeping.rebuild(from: platform.database)

        let key = try await APIKeys.create(
            name: "Demo reporting",
            scopes: ["identity.staff.read", "identity.audit.read", "identity.customers.read", "orders.read"],
            forStaffEmail: ownerEmail, on: platform)
        return Summary(
            created: true, apiKeyToken: key.token, products: report.productsCreated, orders: orders,
            entries: books.entriesPosted, sellerOffers: sellerOffers)
    }
}
