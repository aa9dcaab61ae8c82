import Flows
import Foundation
import Identity
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Sign-in pauses after too many wrong passwords")
struct SignInThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the fifth wrong password in a window pauses, each later one pauses twice as long, up to the longest")
    func policy() {
        let throttle = SignInThrottle()
        var record: SignInThrottle.Record?
        for minute in 0..<4 {
            record = throttle.failing(record, at: Self.start.addingTimeInterval(Double(minute) * 60))
            #expect(throttle.wait(record, at: Self.start.addingTimeInterval(Double(minute) * 60)) == nil)
        }
        let fifth = Self.start.addingTimeInterval(4 * 60)
        record = throttle.failing(record, at: fifth)
        #expect(throttle.wait(record, at: fifth) == 300)
        #expect(throttle.wait(record, at: fifth.addingTimeInterval(299.5)) == 1)
        #expect(throttle.wait(record, at: fifth.addingTimeInterval(300)) == nil)
        let sixth = fifth.addingTimeInterval(301)
        record = throttle.failing(record, at: sixth)
        #expect(throttle.wait(record, at: sixth) == 600, "twice the first pause")
        var later = sixth
        for _ in 0..<10 {
            later = later.addingTimeInterval(Double(throttle.wait(record, at: later) ?? 0) + 1)
            record = throttle.failing(record, at: later)
        }
        #expect(throttle.wait(record, at: later) == 3_600, "never longer than an hour")
    }

    @Test("a quiet window after a pause is a clean slate")
    func cleanSlate() {
        let throttle = SignInThrottle()
        var record: SignInThrottle.Record?
        for second in 0..<5 { record = throttle.failing(record, at: Self.start.addingTimeInterval(Double(second))) }
        let afterQuiet = Self.start.addingTimeInterval(4 + 300 + 901)
        record = throttle.failing(record, at: afterQuiet)
        #expect(record?.failures == 1 && throttle.wait(record, at: afterQuiet) == nil)
    }

    @Test("wrong passwords further apart than the window never pause")
    func spreadOut() {
        let throttle = SignInThrottle()
        var record: SignInThrottle.Record?
        for attempt in 0..<20 {
            let at = Self.start.addingTimeInterval(Double(attempt) * 16 * 60)
            record = throttle.failing(record, at: at)
            #expect(throttle.wait(record, at: at) == nil)
        }
    }

    @Test(
        "five wrong passwords pause an address, even for the right one, until the pause ends; success clears the count",
        arguments: TestBackend.allCases)
    func pausesSignIn(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await platform.identity.registerCustomer(
                email: "ada@example.com", password: Platform.password, name: "Ada", requestID: nil, in: env.database)
            for _ in 0..<5 {
                await #expect(throws: IdentityError.invalidCredentials) {
                    _ = try await platform.identity.loginCustomer(
                        email: "ada@example.com", password: "wrong password", in: env.database)
                }
            }
            await #expect(throws: IdentityError.signInPaused(retryAfter: 300)) {
                _ = try await platform.identity.loginCustomer(
                    email: "ADA@example.com", password: Platform.password, in: env.database)
            }
            env.clock.advance(by: 301)
            _ = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)
            for _ in 0..<4 {
                await #expect(throws: IdentityError.invalidCredentials) {
                    _ = try await platform.identity.loginCustomer(
                        email: "ada@example.com", password: "wrong password", in: env.database)
                }
            }
            _ = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)

            // An address without an account pauses the same way: the pause tells nothing about accounts.
            for _ in 0..<5 {
                await #expect(throws: IdentityError.invalidCredentials) {
                    _ = try await platform.identity.loginStaff(
                        email: "nobody@example.com", password: "guess", in: env.database)
                }
            }
            await #expect(throws: IdentityError.signInPaused(retryAfter: 300)) {
                _ = try await platform.identity.loginStaff(
                    email: "nobody@example.com", password: "guess", in: env.database)
            }
            // Staff and customers are counted apart.
            _ = try await platform.identity.loginCustomer(
                email: "ada@example.com", password: Platform.password, in: env.database)
        }
    }

    @Test("wrong passwords arriving at once are all counted", arguments: TestBackend.allCases)
    func concurrentFailures(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            // Fewer than the allowance, so none is refused early and every one must be counted.
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        _ = try? await platform.identity.loginStaff(
                            email: "owner@shop.example", password: "wrong password", in: env.database)
                    }
                }
            }
            let failures = try await env.database.read { db in
                try await db.raw(
                    "SELECT failures FROM identity_sign_in_failures WHERE email = 'owner@shop.example'"
                ).first()?.decode(column: "failures", as: Int.self)
            }
            #expect(failures == 4)
            await #expect(throws: IdentityError.invalidCredentials) {
                _ = try await platform.identity.loginStaff(
                    email: "owner@shop.example", password: "wrong password", in: env.database)
            }
            await #expect(throws: IdentityError.signInPaused(retryAfter: 300)) {
                _ = try await platform.signIn("owner@shop.example")
            }
        }
    }
}
