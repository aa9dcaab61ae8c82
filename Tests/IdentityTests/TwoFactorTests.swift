import Flows
import Foundation
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Two-factor sign-in")
struct TwoFactorTests {
    /// Enrols the user and returns their authenticator.
    static func enrol(_ user: StaffUser, on platform: Platform) async throws -> TOTP {
        let enrollment = try await platform.identity.beginTwoFactorEnrollment(for: user.id, in: platform.database)
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        let code = totp.code(forStep: totp.step(at: platform.clock.now()))
        let confirmed = try await platform.identity.confirmTwoFactorEnrollment(
            for: user.id, code: code, by: .system, in: platform.database)
        #expect(confirmed.twoFactorEnabled)
        return totp
    }

    @Test(
        "with two-factor on, a password alone gets a challenge, and a code finishes sign-in once",
        arguments: TestBackend.allCases)
    func challengeThenCode(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let totp = try await Self.enrol(owner, on: platform)
            env.clock.advance(by: 30)

            guard
                case .secondFactorRequired(let challenge, _) = try await platform.identity.loginStaff(
                    email: owner.email, password: Platform.password, in: env.database)
            else {
                Issue.record("expected a challenge")
                return
            }
            // The challenge is not a session.
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: challenge, in: env.database)
            }
            let code = totp.code(forStep: totp.step(at: env.clock.now))
            let (session, user) = try await platform.identity.completeStaffLogin(
                challenge: challenge, code: code, requestID: nil, in: env.database)
            #expect(user.id == owner.id)
            #expect(try await platform.identity.authenticate(bearer: session.token, in: env.database).kind == .staff)

            // The same code cannot be used twice, not even with a fresh challenge.
            guard
                case .secondFactorRequired(let again, _) = try await platform.identity.loginStaff(
                    email: owner.email, password: Platform.password, in: env.database)
            else {
                Issue.record("expected a challenge")
                return
            }
            await #expect(throws: IdentityError.invalidSecondFactor) {
                try await platform.identity.completeStaffLogin(
                    challenge: again, code: code, requestID: nil, in: env.database)
            }
        }
    }

    @Test("five wrong codes end the challenge", arguments: TestBackend.allCases)
    func wrongCodesEndChallenge(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let totp = try await Self.enrol(owner, on: platform)
            env.clock.advance(by: 30)
            guard
                case .secondFactorRequired(let challenge, _) = try await platform.identity.loginStaff(
                    email: owner.email, password: Platform.password, in: env.database)
            else {
                Issue.record("expected a challenge")
                return
            }
            for _ in 0..<5 {
                await #expect(throws: IdentityError.invalidSecondFactor) {
                    try await platform.identity.completeStaffLogin(
                        challenge: challenge, code: "000000", requestID: nil, in: env.database)
                }
            }
            let right = totp.code(forStep: totp.step(at: env.clock.now))
            await #expect(throws: IdentityError.invalidSecondFactor) {
                try await platform.identity.completeStaffLogin(
                    challenge: challenge, code: right, requestID: nil, in: env.database)
            }
        }
    }

    @Test("a challenge expires after five minutes", arguments: TestBackend.allCases)
    func challengeExpires(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let totp = try await Self.enrol(owner, on: platform)
            guard
                case .secondFactorRequired(let challenge, _) = try await platform.identity.loginStaff(
                    email: owner.email, password: Platform.password, in: env.database)
            else {
                Issue.record("expected a challenge")
                return
            }
            env.clock.advance(by: 301)
            let code = totp.code(forStep: totp.step(at: env.clock.now))
            await #expect(throws: IdentityError.invalidSecondFactor) {
                try await platform.identity.completeStaffLogin(
                    challenge: challenge, code: code, requestID: nil, in: env.database)
            }
        }
    }

    @Test("set-up needs a right first code and cannot be started twice", arguments: TestBackend.allCases)
    func enrollmentRefusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            await #expect(throws: IdentityError.twoFactorNotPending) {
                try await platform.identity.confirmTwoFactorEnrollment(
                    for: owner.id, code: "123456", by: .system, in: env.database)
            }
            _ = try await platform.identity.beginTwoFactorEnrollment(for: owner.id, in: env.database)
            await #expect(throws: IdentityError.invalidSecondFactor) {
                try await platform.identity.confirmTwoFactorEnrollment(
                    for: owner.id, code: "000000", by: .system, in: env.database)
            }
            _ = try await Self.enrol(owner, on: platform)
            await #expect(throws: IdentityError.twoFactorAlreadyEnabled) {
                try await platform.identity.beginTwoFactorEnrollment(for: owner.id, in: env.database)
            }
        }
    }
}
