import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TorvHTTP

@Suite struct RateLimitMiddlewareTests {
    static let client = HTTPField.Name("X-Test-Client")!

    static func app(limiter: RateLimiter, keyedByHeader: Bool) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        if keyedByHeader {
            router.add(
                middleware: RateLimitMiddleware(limiter: limiter) { request, _ in request.headers[client] ?? "none" })
        } else {
            router.add(middleware: RateLimitMiddleware(limiter: limiter))
        }
        router.get("/products") { _, _ in "ok" }
        return Application(router: router, logger: .quiet)
    }

    static func limiter(capacity: Double, clock: ManualInstantClock) -> RateLimiter {
        RateLimiter(capacity: capacity, refillPerSecond: 0.5) { clock.now }
    }

    @Test("past the limit a client gets 429 problem+json with Retry-After")
    func tooManyRequests() async throws {
        let limiter = Self.limiter(capacity: 2, clock: ManualInstantClock())
        try await Self.app(limiter: limiter, keyedByHeader: false).test(.router) { client in
            #expect(try await client.execute(uri: "/products", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/products", method: .get).status == .ok)

            let refused = try await client.execute(uri: "/products", method: .get)
            let problem = try refused.problem()

            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(refused.headers[.retryAfter] == "2")
            #expect(problem.code == "rate_limited")
        }
    }

    @Test("once tokens have refilled the client is served again")
    func servedAfterWaiting() async throws {
        let clock = ManualInstantClock()
        let limiter = Self.limiter(capacity: 1, clock: clock)
        try await Self.app(limiter: limiter, keyedByHeader: false).test(.router) { client in
            _ = try await client.execute(uri: "/products", method: .get)
            #expect(try await client.execute(uri: "/products", method: .get).status == .tooManyRequests)

            clock.advance(by: .seconds(2))

            #expect(try await client.execute(uri: "/products", method: .get).status == .ok)
        }
    }

    @Test("one client's exhaustion does not limit another")
    func perClient() async throws {
        let limiter = Self.limiter(capacity: 1, clock: ManualInstantClock())
        try await Self.app(limiter: limiter, keyedByHeader: true).test(.router) { client in
            let alice: HTTPFields = [Self.client: "alice"]
            let bob: HTTPFields = [Self.client: "bob"]

            let first = try await client.execute(uri: "/products", method: .get, headers: alice)
            let second = try await client.execute(uri: "/products", method: .get, headers: alice)
            let other = try await client.execute(uri: "/products", method: .get, headers: bob)

            #expect(first.status == .ok)
            #expect(second.status == .tooManyRequests)
            #expect(other.status == .ok)
        }
    }

    @Test("on a live server requests are limited by the peer's IP address")
    func byPeerAddress() async throws {
        let limiter = Self.limiter(capacity: 1, clock: ManualInstantClock())
        let router = Router(context: AddressedContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: RateLimitMiddleware(limiter: limiter))
        router.get("/products") { _, _ in "ok" }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)

        try await app.test(.live) { client in
            let first = try await client.execute(uri: "/products", method: .get)
            let second = try await client.execute(uri: "/products", method: .get)

            #expect(first.status == .ok)
            #expect(second.status == .tooManyRequests)
        }
        #expect(limiter.take("127.0.0.1").isAllowed == false)
        #expect(limiter.take("unknown").isAllowed)
    }

    @Test("without a peer address every request shares the one \"unknown\" bucket")
    func unknownAddressIsShared() async throws {
        let limiter = Self.limiter(capacity: 1, clock: ManualInstantClock())
        try await Self.app(limiter: limiter, keyedByHeader: false).test(.router) { client in
            _ = try await client.execute(uri: "/products", method: .get)
        }

        #expect(limiter.take("unknown") == .denied(retryAfter: 2))
    }
}
