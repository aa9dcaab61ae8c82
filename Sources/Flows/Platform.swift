public import Catalog
public import Checkout
public import Customers
public import GiftCards
public import Identity
public import Inventory
public import Invoicing
public import Ledger
public import Orders
public import Payments
public import Persistence
public import Promotions
public import Purchasing
public import Reviews
public import Sellers
public import TorvCore

/// Every module, wired once at start-up and handed to handlers, commands and jobs.
///
/// It holds values, not connections' state: the same platform serves every request, and tests
/// build one per test database.
public struct Platform: Sendable {
    public let database: Database
    public let clock: WallClock
    public let ids: UUIDGenerator
    public let outbox: Outbox
    public let jobs: JobQueue
    public let audit: AuditLog
    public let idempotency: IdempotencyStore
    public let identity: Identity
    public let catalog: Catalog
    public let inventory: Inventory
    public let orders: Orders
    public let customers: Customers
    public let payments: Payments
    public let checkout: Checkout
    /// The general ledger the back office keeps, fed by ``Bookkeeping`` from business events.
    public let ledger: Ledger
    /// Customer invoices (receivables) for sales on payment terms.
    public let invoicing: Invoicing
    /// Suppliers, purchase orders, receipts, returns and supplier bills (payables).
    public let purchasing: Purchasing
    /// Gift cards and store credit, spent at checkout like money.
    public let giftCards: GiftCards
    /// Stored promotions and coupons with their budgets; the discount maths is Promotions' pure engine.
    public let promotions: Promotions
    /// Marketplace sellers, their offers and the platform's commission rules.
    public let sellers: Sellers
    /// Product reviews from verified purchases, moderated before they show.
    public let reviews: Reviews
    /// Purchase orders that check the catalog and stock locations, receipts and supplier returns that
    /// move stock in the same transaction.
    public var purchases: Purchases { Purchases(purchasing: purchasing, inventory: inventory, catalog: catalog) }
    /// Turns business events into ledger entries (an outbox subscriber unless `keepsBooks` is off).
    public let bookkeeping: Bookkeeping
    /// The simulated card processor (test card numbers, 3-D Secure challenges, webhooks). Until
    /// configuration names a real processor it takes every card payment.
    public let testCards: TestCardProvider
    /// Where the shop is: prices shown before a shopper gives an address are taxed as if sold here.
    public let homeCountry: String
    /// Storefront product pages, kept briefly per instance (see ``ProductPageCache``).
    public let productPages: ProductPageCache
    let passwords: PasswordHasher
    let subscribers: [OutboxSubscriber]
    let keepsBooks: Bool

    public init(
        database: Database, passwords: PasswordHasher, clock: WallClock = .system, ids: UUIDGenerator = .v7,
        subscribers: [OutboxSubscriber] = [], keepsBooks: Bool = true, homeCountry: String = "SE",
        productPages: ProductPageCache = ProductPageCache(lifetime: .zero)
    ) {
        self.productPages = productPages
        self.database = database
        self.passwords = passwords
        self.subscribers = subscribers
        self.keepsBooks = keepsBooks
        self.clock = clock
        self.ids = ids
        // The books read orders and post entries; what they write announces nothing to subscribers.
        let quiet = Outbox(subscribers: [], clock: clock, ids: ids)
        let audit = AuditLog(clock: clock, ids: ids)
        let books = Bookkeeping(
            ledger: Ledger(outbox: quiet, audit: audit, clock: clock, ids: ids),
            orders: Orders(outbox: quiet, audit: audit, clock: clock, ids: ids),
            promotions: Promotions(outbox: quiet, audit: audit, clock: clock, ids: ids), clock: clock)
        self.bookkeeping = books
        // Credit notes are issued by a subscriber too; the note it writes is announced to no one yet.
        let receivables = Receivables.subscriber(
            invoicing: Invoicing(outbox: quiet, audit: audit, clock: clock, ids: ids),
            orders: Orders(outbox: quiet, audit: audit, clock: clock, ids: ids))
        self.outbox = Outbox(
            subscribers: subscribers + [receivables] + (keepsBooks ? [books.subscriber] : []), clock: clock, ids: ids)
        self.jobs = JobQueue(clock: clock, ids: ids)
        self.audit = audit
        self.idempotency = IdempotencyStore(clock: clock)
        self.identity = Identity(passwords: passwords, outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.catalog = Catalog(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.inventory = Inventory(outbox: outbox, audit: audit, jobs: jobs, clock: clock, ids: ids)
        self.orders = Orders(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.customers = Customers(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.checkout = Checkout(outbox: outbox, audit: audit, jobs: jobs, clock: clock, ids: ids)
        self.ledger = Ledger(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.invoicing = Invoicing(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.purchasing = Purchasing(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.giftCards = GiftCards(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.promotions = Promotions(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.sellers = Sellers(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.reviews = Reviews(outbox: outbox, audit: audit, clock: clock, ids: ids)
        self.testCards = TestCardProvider(clock: clock, challengeURLPrefix: TestCardWebhooks.challengePath)
        self.homeCountry = homeCountry
        self.payments = Payments(
            outbox: outbox, audit: audit, jobs: jobs, providers: [testCards, InvoiceProvider(clock: clock)],
            clock: clock, ids: ids)
    }

    /// The same platform on another clock: how the demo books months of history in minutes. The
    /// simulated card processor is a new one (it remembers only its own charges).
    public func on(_ clock: WallClock) -> Platform {
        Platform(
            database: database, passwords: passwords, clock: clock, ids: ids, subscribers: subscribers,
            keepsBooks: keepsBooks, homeCountry: homeCountry,
            productPages: ProductPageCache(lifetime: productPages.lifetime))
    }

    /// Every module's migrations, in dependency order. A module added later appends its list here.
    public static let migrations: [Migration] =
        PersistenceMigrations.all + IdentityMigrations.all + CatalogMigrations.all + InventoryMigrations.all
        + OrdersMigrations.all + CustomersMigrations.all + PaymentMigrations.all
        + CheckoutMigrations.all + LedgerMigrations.all + InvoicingMigrations.all + PurchasingMigrations.all
        + GiftCardsMigrations.all + PromotionsMigrations.all + SellersMigrations.all
        + ReviewsMigrations.all

    /// Applies missing migrations.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await Migrator(Self.migrations).migrate(database, now: clock.now)
    }

    /// Whether every known migration is applied (for `/readyz`).
    public func pendingMigrations() async throws -> [String] {
        let applied = Set(try await Migrator(Self.migrations).applied(database))
        return Self.migrations.map(\.id).filter { !applied.contains($0) }
    }
}
