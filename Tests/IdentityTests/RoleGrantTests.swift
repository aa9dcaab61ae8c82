import Flows
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore

/// Staff give and take away only roles whose permissions they hold: an administrator (`identity.*`)
/// runs the staff list but cannot make anyone an owner, nor demote or disable one.
@Suite("Who may grant which role")
struct RoleGrantTests {
    static let administrator = PermissionSet(["identity.*", "checkout.settings.*", "customers.*"])

    @Test("an administrator cannot make themselves or anyone else an owner", arguments: TestBackend.allCases)
    func noEscalation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            try await platform.staff("owner@shop.example", roles: ["owner"])
            let admin = try await platform.staff("admin@shop.example", roles: ["administrator"])
            let actor = AuditActor(kind: "staff", id: admin.id.rawValue)
            await #expect(throws: IdentityError.rolesBeyondYourPermissions(["owner"])) {
                try await env.database.inTransaction { db in
                    _ = try await platform.identity.setRoles(
                        ["administrator", "owner"], of: admin.id, by: actor, granting: Self.administrator, on: db)
                }
            }
            await #expect(throws: IdentityError.rolesBeyondYourPermissions(["accountant", "owner"])) {
                _ = try await platform.identity.createStaffUser(
                    NewStaffUser(
                        email: "friend@shop.example", name: "Friend", password: "a long enough password",
                        roles: ["owner", "accountant"]), by: actor, granting: Self.administrator, in: env.database)
            }
            let admins = try await env.database.read { db in try await platform.identity.staffUser(admin.id, on: db) }
            #expect(admins.roles == ["administrator"])
            let count = try await env.database.read { db in
                try await platform.identity.staffUsers(after: nil, limit: 10, on: db).count
            }
            #expect(count == 2, "the refused account was not created")
        }
    }

    @Test(
        "an administrator cannot demote or disable an owner, but runs the roles they hold",
        arguments: TestBackend.allCases)
    func ownersAreOutOfReach(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let owner = try await platform.staff("owner@shop.example", roles: ["owner"])
            try await platform.staff("second@shop.example", roles: ["owner"])
            let admin = try await platform.staff("admin@shop.example", roles: ["administrator"])
            let actor = AuditActor(kind: "staff", id: admin.id.rawValue)
            await #expect(throws: IdentityError.rolesBeyondYourPermissions(["owner"])) {
                try await env.database.inTransaction { db in
                    _ = try await platform.identity.setRoles(
                        ["administrator"], of: owner.id, by: actor, granting: Self.administrator, on: db)
                }
            }
            await #expect(throws: IdentityError.rolesBeyondYourPermissions(["owner"])) {
                try await env.database.inTransaction { db in
                    _ = try await platform.identity.disableStaffUser(
                        owner.id, by: actor, granting: Self.administrator, on: db)
                }
            }
            let untouched = try await env.database.read { db in try await platform.identity.staffUser(owner.id, on: db)
            }
            #expect(untouched.roles == ["owner"] && untouched.isActive)

            // Roles within the administrator's own permissions are theirs to give and take away.
            let colleague = try await platform.identity.createStaffUser(
                NewStaffUser(
                    email: "colleague@shop.example", name: "Colleague", password: "a long enough password",
                    roles: ["administrator"]), by: actor, granting: Self.administrator, in: env.database)
            #expect(colleague.roles == ["administrator"])
            let disabled = try await env.database.inTransaction { db in
                try await platform.identity.disableStaffUser(
                    colleague.id, by: actor, granting: Self.administrator, on: db)
            }
            #expect(!disabled.isActive)
        }
    }
}
