import Synchronization
import Testing
import TorvHTTP

@Suite struct RateLimiterTests {
    let clock = ManualInstantClock()

    func limiter(capacity: Double = 3, refillPerSecond: Double = 1, maxKeys: Int = 100) -> RateLimiter {
        let clock = self.clock
        return RateLimiter(capacity: capacity, refillPerSecond: refillPerSecond, maxKeys: maxKeys) { clock.now }
    }

    @Test("a full bucket lets a burst of `capacity` through, then denies")
    func burst() {
        let limiter = limiter(capacity: 3)

        let decisions = (0..<4).map { _ in limiter.take("1.2.3.4") }

        #expect(decisions == [.allowed, .allowed, .allowed, .denied(retryAfter: 1)])
    }

    @Test("tokens come back with time, at the refill rate and never above capacity")
    func refill() {
        let limiter = limiter(capacity: 3, refillPerSecond: 1)
        for _ in 0..<3 { _ = limiter.take("k") }

        clock.advance(by: .seconds(2))
        #expect(limiter.take("k") == .allowed)
        #expect(limiter.take("k") == .allowed)
        #expect(limiter.take("k") == .denied(retryAfter: 1))

        clock.advance(by: .seconds(3_600))
        #expect((0..<4).map { _ in limiter.take("k") } == [.allowed, .allowed, .allowed, .denied(retryAfter: 1)])
    }

    @Test("Retry-After is the time until enough tokens, rounded up")
    func retryAfterRoundsUp() {
        // One token every 4 seconds.
        let limiter = limiter(capacity: 1, refillPerSecond: 0.25)
        _ = limiter.take("k")
        #expect(limiter.take("k") == .denied(retryAfter: 4))

        clock.advance(by: .milliseconds(1_500))
        #expect(limiter.take("k") == .denied(retryAfter: 3))

        clock.advance(by: .milliseconds(2_499))
        #expect(limiter.take("k") == .denied(retryAfter: 1))

        clock.advance(by: .milliseconds(1))
        #expect(limiter.take("k") == .allowed)
    }

    @Test("Retry-After is at least one second even when a token is a moment away")
    func retryAfterFloor() {
        let limiter = limiter(capacity: 1, refillPerSecond: 100)
        _ = limiter.take("k")

        #expect(limiter.take("k") == .denied(retryAfter: 1))
    }

    @Test("a denied request takes nothing")
    func denialIsFree() {
        let limiter = limiter(capacity: 1, refillPerSecond: 1)
        _ = limiter.take("k")
        for _ in 0..<10 { _ = limiter.take("k") }

        clock.advance(by: .seconds(1))

        #expect(limiter.take("k") == .allowed)
    }

    @Test("keys have separate buckets")
    func keysAreIndependent() {
        let limiter = limiter(capacity: 1)

        #expect(limiter.take("a") == .allowed)
        #expect(limiter.take("a") == .denied(retryAfter: 1))
        #expect(limiter.take("b") == .allowed)
    }

    @Test("a costly request takes several tokens, and one above capacity never passes")
    func cost() {
        let limiter = limiter(capacity: 5, refillPerSecond: 1)

        #expect(limiter.take("k", cost: 4) == .allowed)
        #expect(limiter.take("k", cost: 2) == .denied(retryAfter: 1))
        #expect(limiter.take("k", cost: 1) == .allowed)
        clock.advance(by: .seconds(3_600))
        #expect(limiter.take("k", cost: 6).isAllowed == false)
    }

    @Test("a clock stepping backwards refills nothing and breaks nothing")
    func backwardsClock() {
        let limiter = limiter(capacity: 1)
        _ = limiter.take("k")

        clock.advance(by: .seconds(-10))

        #expect(limiter.take("k") == .denied(retryAfter: 1))
    }

    @Test("buckets that have refilled are forgotten, so idle clients cost no memory")
    func idleBucketsAreSwept() {
        let limiter = limiter(capacity: 2, refillPerSecond: 1, maxKeys: 10_000)
        for index in 0..<500 { _ = limiter.take("client-\(index)") }
        #expect(limiter.trackedKeys == 500)

        clock.advance(by: .seconds(5))
        // The sweep runs every 1,024 takes; these are all one hot client.
        for _ in 0..<1_024 { _ = limiter.take("hot") }

        #expect(limiter.trackedKeys == 1)
    }

    @Test("no more than maxKeys keys are tracked, however many clients arrive")
    func keyCap() {
        let limiter = limiter(capacity: 5, refillPerSecond: 0.001, maxKeys: 64)

        for index in 0..<10_000 { _ = limiter.take("client-\(index)") }

        #expect(limiter.trackedKeys <= 64)
    }

    @Test("at the cap, the least recently used clients are evicted first")
    func evictsLeastRecentlyUsed() {
        let limiter = limiter(capacity: 1, refillPerSecond: 0.001, maxKeys: 8)
        for index in 0..<8 {
            _ = limiter.take("client-\(index)")
            clock.advance(by: .seconds(1))
        }

        // A ninth client needs room: client-0, the oldest, goes and comes back with a full bucket,
        // while client-7, the most recent, is still remembered as empty.
        _ = limiter.take("newcomer")

        #expect(limiter.take("client-0") == .allowed)
        #expect(limiter.take("client-7").isAllowed == false)
    }

    @Test("many tasks at once get exactly `capacity` tokens between them")
    func concurrentTakes() async {
        let limiter = limiter(capacity: 100, refillPerSecond: 1)

        let allowed = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<100).count { _ in limiter.take("shared").isAllowed } }
            }
            return await group.reduce(0, +)
        }

        #expect(allowed == 100)
    }
}
