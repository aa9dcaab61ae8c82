import Flows
import Foundation
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Staff users")
struct StaffTests {
    @Test("an owner is created, audited, and signs in with a working session", arguments: TestBackend.allCases)
    func createAndSignIn(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("Owner@Shop.example ", roles: ["owner"])
            #expect(owner.email == "owner@shop.example")
            let (session, _) = try await platform.signIn("owner@shop.example")
            let principal = try await platform.identity.authenticate(bearer: session.token, in: env.database)
            #expect(principal.kind == .staff)
            #expect(principal.allows(.apiKeysManage))
            let audit = try await env.database.read { db in try await platform.audit.list(limit: 10, on: db) }
            #expect(audit.map(\.action).contains("staff.created"))
            #expect(audit.map(\.action).contains("staff.signed_in"))
        }
    }

    @Test("unknown e-mail, wrong password and disabled account fail alike", arguments: TestBackend.allCases)
    func failedSignInsLookAlike(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            let clerk = try await platform.staff("clerk@shop.example", roles: ["support"])
            try await env.database.inTransaction { db in
                _ = try await platform.identity.disableStaffUser(clerk.id, by: .system, granting: .all, on: db)
            }
            for (email, password) in [
                ("nobody@shop.example", Platform.password), ("owner@shop.example", "wrong password!"),
                ("clerk@shop.example", Platform.password),
            ] {
                await #expect(throws: IdentityError.invalidCredentials) {
                    try await platform.identity.loginStaff(email: email, password: password, in: env.database)
                }
            }
        }
    }

    @Test(
        "creation refuses bad input with every problem at once, a taken address and unknown roles",
        arguments: TestBackend.allCases)
    func creationRefusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            do {
                _ = try await platform.identity.createStaffUser(
                    NewStaffUser(email: "not-an-address", name: " ", password: "short", roles: []), by: .system,
                    granting: .all, in: env.database)
                Issue.record("expected a validation error")
            } catch let error as ValidationError {
                #expect(Set(error.fieldErrors.map(\.pointer)) == ["/email", "/name", "/password", "/roles"])
            }
            try await platform.staff("owner@shop.example", roles: ["owner"])
            await #expect(throws: IdentityError.emailTaken) {
                try await platform.staff("OWNER@shop.example", roles: ["support"])
            }
            await #expect(throws: IdentityError.unknownRoles(["wizard"])) {
                try await platform.staff("new@shop.example", roles: ["support", "wizard"])
            }
            let count = try await env.database.read { db in
                try await platform.identity.staffUsers(after: nil, limit: 10, on: db).count
            }
            #expect(count == 1)
        }
    }

    @Test("the last active owner can be neither demoted nor disabled", arguments: TestBackend.allCases)
    func lastOwnerProtected(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            await #expect(throws: IdentityError.lastOwner) {
                try await env.database.inTransaction { db in
                    _ = try await platform.identity.setRoles(
                        ["support"], of: owner.id, by: .system, granting: .all, on: db)
                }
            }
            await #expect(throws: IdentityError.lastOwner) {
                try await env.database.inTransaction { db in
                    _ = try await platform.identity.disableStaffUser(owner.id, by: .system, granting: .all, on: db)
                }
            }
            let second = try await platform.staff("second@shop.example", roles: ["owner"])
            let demoted = try await env.database.inTransaction { db in
                try await platform.identity.setRoles(["support"], of: owner.id, by: .system, granting: .all, on: db)
            }
            #expect(demoted.roles == ["support"])
            _ = second
        }
    }

    @Test("disabling a user ends their sessions at once", arguments: TestBackend.allCases)
    func disableEndsSessions(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            let clerk = try await platform.staff("clerk@shop.example", roles: ["support"])
            let (session, _) = try await platform.signIn("clerk@shop.example")
            _ = try await platform.identity.authenticate(bearer: session.token, in: env.database)
            try await env.database.inTransaction { db in
                _ = try await platform.identity.disableStaffUser(clerk.id, by: .system, granting: .all, on: db)
            }
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: session.token, in: env.database)
            }
        }
    }

    @Test("a password change ends every session and issues a new one", arguments: TestBackend.allCases)
    func passwordChangeRotatesSessions(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            let (first, _) = try await platform.signIn("owner@shop.example")
            let (second, _) = try await platform.signIn("owner@shop.example")
            #expect(first.token != second.token)
            await #expect(throws: IdentityError.invalidCredentials) {
                try await platform.identity.changeStaffPassword(
                    owner.id, current: "not it at all", new: "a brand new passphrase", by: .system, in: env.database)
            }
            let fresh = try await platform.identity.changeStaffPassword(
                owner.id, current: Platform.password, new: "a brand new passphrase", by: .system, in: env.database)
            for old in [first, second] {
                await #expect(throws: IdentityError.unauthenticated) {
                    try await platform.identity.authenticate(bearer: old.token, in: env.database)
                }
            }
            #expect(
                try await platform.identity.authenticate(bearer: fresh.token, in: env.database).id == owner.id.rawValue)
        }
    }

    @Test("sessions expire", arguments: TestBackend.allCases)
    func sessionsExpire(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            let (session, _) = try await platform.signIn("owner@shop.example")
            env.clock.advance(by: 12 * 3600 + 1)
            await #expect(throws: IdentityError.unauthenticated) {
                try await platform.identity.authenticate(bearer: session.token, in: env.database)
            }
        }
    }

    @Test(
        "garbage tokens are refused",
        arguments: ["", "Bearer", "torv_ss_", "torv_ss_nope", "torv_sk_x_y", "torv_sf_abc", "random"])
    func garbageTokens(token: String) async throws {
        try await withTestDatabase(on: .sqlite) { env in
            await #expect(throws: IdentityError.unauthenticated) {
                try await env.platform().identity.authenticate(bearer: token, in: env.database)
            }
        }
    }
}
