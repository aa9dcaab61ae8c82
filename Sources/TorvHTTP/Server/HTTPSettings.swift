/// The HTTP layer's limits, from configuration.
public struct HTTPSettings: Sendable, Hashable {
    public var maxBodyBytes: Int
    /// Requests per minute per client address.
    public var requestsPerMinutePerAddress: Int
    /// Requests per minute per principal (session or API key).
    public var requestsPerMinutePerPrincipal: Int

    public init(
        maxBodyBytes: Int = 1 << 20, requestsPerMinutePerAddress: Int = 1200, requestsPerMinutePerPrincipal: Int = 1200
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.requestsPerMinutePerAddress = requestsPerMinutePerAddress
        self.requestsPerMinutePerPrincipal = requestsPerMinutePerPrincipal
    }
}
