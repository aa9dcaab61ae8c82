/// Facts about the request being served, for code that never sees Hummingbird's context: OpenAPI handlers
/// receive only their operation's input, yet audit entries, problems and log lines need the request ID.
///
/// Set by `RequestIDMiddleware` for the duration of the request; `nil` outside one (jobs, tests that call a
/// handler directly). Task-locals flow into child tasks but not into detached tasks or work handed to
/// another service, so capture the values before handing work off.
public enum RequestInfo {
    /// The request's ID, as echoed in `X-Request-ID` and logged as `request_id`.
    @TaskLocal public static var requestID: String?
    /// The peer's IP address (`RemoteAddressRequestContext`); `nil` when the context does not know it.
    /// Behind a proxy this is the proxy's address.
    @TaskLocal public static var clientAddress: String?
}
