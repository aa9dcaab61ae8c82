import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import TorvCore
import TorvHTTP

@Suite struct SharedResponseCacheTests {
    final class Calls: Sendable {
        let count = Mutex(0)
        var value: Int { count.withLock { $0 } }
        func next() -> Int {
            count.withLock {
                $0 += 1
                return $0
            }
        }
    }

    /// A route that answers how often it ran, with the caching its path asks for.
    static func app(clock: ManualClock, calls: Calls) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: SharedResponseCache(now: { clock.now }))
        for (path, cacheControl) in [
            ("/public", "public, max-age=5"), ("/private", "private, max-age=5"), ("/zero", "public, max-age=0"),
            ("/none", ""),
        ] {
            router.get(RouterPath(path)) { _, _ -> Response in
                let count = calls.next()
                var headers: HTTPFields = [.contentType: "text/plain"]
                if !cacheControl.isEmpty { headers[.cacheControl] = cacheControl }
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "\(count)")))
            }
        }
        return Application(router: router)
    }

    @Test("a public answer is served again until its max-age, with its age; then the route runs again")
    func keepsPublicAnswers() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let calls = Calls()
        try await Self.app(clock: clock, calls: calls).test(.router) { client in
            let first = try await client.execute(uri: "/public?currency=EUR", method: .get)
            #expect(String(buffer: first.body) == "1")
            clock.advance(by: 3)
            let second = try await client.execute(uri: "/public?currency=EUR", method: .get)
            #expect(String(buffer: second.body) == "1")
            #expect(second.headers[.age] == "3")
            #expect(second.headers[.cacheControl] == "public, max-age=5")
            let otherQuery = try await client.execute(uri: "/public?currency=SEK", method: .get)
            #expect(String(buffer: otherQuery.body) == "2", "the query is part of the key")
            clock.advance(by: 3)
            let expired = try await client.execute(uri: "/public?currency=EUR", method: .get)
            #expect(String(buffer: expired.body) == "3")
        }
    }

    @Test("credentials, cookies, no-cache and non-public answers always reach the route")
    func bypasses() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let calls = Calls()
        try await Self.app(clock: clock, calls: calls).test(.router) { client in
            _ = try await client.execute(uri: "/public", method: .get)
            for headers: HTTPFields in [
                [.authorization: "Bearer abc"], [.cookie: "session=1"], [.cacheControl: "no-cache"],
            ] {
                _ = try await client.execute(uri: "/public", method: .get, headers: headers)
            }
            #expect(calls.value == 4)
            for path in ["/private", "/zero", "/none"] {
                _ = try await client.execute(uri: path, method: .get)
                _ = try await client.execute(uri: path, method: .get)
            }
            #expect(calls.value == 10)
        }
    }
}

extension SharedResponseCacheTests {
    @Test("a handler's declared freshness becomes the header, and the answer is kept that long")
    func declaredFreshness() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
        let calls = Calls()
        let router = Router()
        router.add(middleware: SharedResponseCache(now: { clock.now }))
        router.get("/declared") { _, _ -> String in
            PublicFreshness.declare(maxAge: 2)
            return "\(calls.next())"
        }
        try await Application(router: router).test(.router) { client in
            let first = try await client.execute(uri: "/declared", method: .get)
            #expect(first.headers[.cacheControl] == "public, max-age=2")
            let signedIn = try await client.execute(
                uri: "/declared", method: .get, headers: [.authorization: "Bearer x"])
            #expect(signedIn.headers[.cacheControl] == "public, max-age=2")
            #expect(String(buffer: signedIn.body) == "2", "a signed-in request is answered afresh")
            let second = try await client.execute(uri: "/declared", method: .get)
            #expect(String(buffer: second.body) == "1")
        }
    }
}
