public import Flows
import Foundation
import Hummingbird
public import HummingbirdTesting
import TorvCore
public import TorvHTTP

/// Runs `body` against the real router (every middleware, the generated API) over a fresh database
/// of `backend`, through Hummingbird's in-process test client — or, with `live`, a real server on
/// a loopback port and a real HTTP client.
public func withTestApp(
    on backend: TestBackend, settings: HTTPSettings = HTTPSettings(), live: Bool = false,
    _ body: @escaping @Sendable (TestEnvironment, Platform, any TestClientProtocol) async throws -> Void
) async throws {
    try await withTestDatabase(on: backend) { env in
        let platform = env.platform()
        // Rate limits refill on the test's clock, not the wall's: a slow machine must not refill a bucket
        // between two requests of a test that counts them.
        let origin = ContinuousClock.now
        let start = env.clock.now
        let clock = env.clock
        let router = try TorvRouter.build(
            platform: platform, settings: settings,
            now: { origin.advanced(by: .milliseconds(Int64(clock.now.timeIntervalSince(start) * 1000))) })
        let app = Application(router: router)
        try await app.test(live ? .live : .router) { client in
            try await body(env, platform, client)
        }
    }
}

extension TestResponse {
    /// The body decoded as JSON, for quick assertions.
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    public var text: String { String(buffer: body) }
}

extension [String: Any] {
    public func string(_ key: String) -> String? { self[key] as? String }
    public func object(_ key: String) -> [String: Any] { self[key] as? [String: Any] ?? [:] }
    public func array(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
}
