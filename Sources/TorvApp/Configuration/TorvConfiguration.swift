public import Logging

/// Settings read once at start-up. Precedence: command-line flags, then `TORV_*` environment
/// variables, then a `.env` file in the working directory, then these defaults.
public struct TorvConfiguration: Sendable, Hashable {
    /// A SQLite file path (`./torv.sqlite`, or `sqlite://path`) or a `postgres://` URL.
    public var databaseURL = "./torv.sqlite"
    public var host = "127.0.0.1"
    public var port = 8080
    public var logLevel = Logger.Level.info
    /// bcrypt work factor; 12 is about a quarter second of CPU per hash on this class of machine.
    public var bcryptCost = 12
    public var maxBodyBytes = 1 << 20
    /// Requests per minute per client address (token bucket; bursts up to the same number).
    public var rateLimitPerIP = 1200
    /// Requests per minute per signed-in principal or API key.
    public var rateLimitPerPrincipal = 1200
    /// Flash-sale queue and claim requests per minute per client address.
    public var flashSaleLimitPerIP = 60
    /// Flash-sale queue and claim requests per minute per customer account.
    public var flashSaleLimitPerAccount = 20
    public var databaseMaxConnections = 20
    /// Whether this process runs the outbox relay and the job worker (every process may).
    public var runWorkers = true
    /// Seconds a storefront product page may be served from this instance's cache (0: off). A price
    /// change shows on product pages within this time; carts and checkout always read the database.
    public var productPageCacheSeconds = 2
    /// How the storefront and console present the shop: its name, the currency its pages sell in, the
    /// locale prices and dates are written for, and the time zone its days are counted in.
    public var shopName = "Torv demo shop"
    public var shopCurrency = "EUR"
    public var shopLocale = "en_IE"
    public var shopTimeZone = "Europe/Berlin"

    public init() {}

    /// Every recognised setting, by environment name.
    static let keys: [String] = [
        "TORV_DATABASE_URL", "TORV_HOST", "TORV_PORT", "TORV_LOG_LEVEL", "TORV_BCRYPT_COST", "TORV_MAX_BODY_BYTES",
        "TORV_RATE_LIMIT_PER_IP", "TORV_RATE_LIMIT_PER_PRINCIPAL", "TORV_DB_MAX_CONNECTIONS", "TORV_WORKERS",
        "TORV_PRODUCT_PAGE_CACHE_SECONDS", "TORV_FLASH_SALE_LIMIT_PER_IP", "TORV_FLASH_SALE_LIMIT_PER_ACCOUNT",
        "TORV_SHOP_NAME", "TORV_SHOP_CURRENCY", "TORV_SHOP_LOCALE", "TORV_SHOP_TIME_ZONE",
    ]
}
