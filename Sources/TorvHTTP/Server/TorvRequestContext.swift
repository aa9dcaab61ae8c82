public import Hummingbird
public import NIOCore

/// The request context of every route: Hummingbird's core storage plus the client's address, which
/// the per-address rate limit and anonymous idempotency scopes need.
public struct TorvRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }
}
