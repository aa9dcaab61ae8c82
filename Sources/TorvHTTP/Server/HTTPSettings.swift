/// The HTTP layer's limits, from configuration.
public struct HTTPSettings: Sendable, Hashable {
    public var maxBodyBytes: Int
    /// Requests per minute per client address.
    public var requestsPerMinutePerAddress: Int
    /// Requests per minute per principal (session or API key).
    public var requestsPerMinutePerPrincipal: Int
    /// Flash-sale queue and claim requests per minute per client address: a household's few devices
    /// pass, a bot farm behind one address does not.
    public var flashSaleRequestsPerMinutePerAddress: Int
    /// Flash-sale queue and claim requests per minute per customer account.
    public var flashSaleRequestsPerMinutePerAccount: Int
    /// How the storefront pages present the shop.
    public var shop: ShopSettings

    public init(
        maxBodyBytes: Int = 1 << 20, requestsPerMinutePerAddress: Int = 1200, requestsPerMinutePerPrincipal: Int = 1200,
        flashSaleRequestsPerMinutePerAddress: Int = 60, flashSaleRequestsPerMinutePerAccount: Int = 20,
        shop: ShopSettings = ShopSettings()
    ) {
        self.shop = shop
        self.maxBodyBytes = maxBodyBytes
        self.requestsPerMinutePerAddress = requestsPerMinutePerAddress
        self.requestsPerMinutePerPrincipal = requestsPerMinutePerPrincipal
        self.flashSaleRequestsPerMinutePerAddress = flashSaleRequestsPerMinutePerAddress
        self.flashSaleRequestsPerMinutePerAccount = flashSaleRequestsPerMinutePerAccount
    }
}
