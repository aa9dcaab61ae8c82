import Hummingbird
import NIOCore

/// The peer's IP address, when the request context can tell (`RemoteAddressRequestContext`, Hummingbird's
/// capability protocol for it, checked the way its `TracingMiddleware` does). `nil` for contexts without
/// it, such as `BasicRequestContext` and the router test client, and for Unix-socket peers.
func clientAddress(of context: some RequestContext) -> String? {
    (context as? any RemoteAddressRequestContext)?.remoteAddress?.ipAddress
}
