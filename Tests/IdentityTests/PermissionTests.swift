import Identity
import Testing
import TorvCore

@Suite("Permissions")
struct PermissionTests {
    @Test(
        "grants cover exactly what they name",
        arguments: [
            ("*", "identity.staff.read", true),
            ("identity.*", "identity.staff.read", true),
            ("identity.*", "identityx.staff.read", false),
            ("identity.staff.read", "identity.staff.read", true),
            ("identity.staff.read", "identity.staff.manage", false),
            ("identity.staff.*", "identity.staff.manage", true),
            ("catalog.*", "identity.staff.read", false),
        ])
    func grants(grant: String, permission: String, expected: Bool) {
        #expect(Permission(grant).grants(Permission(permission)) == expected)
    }

    @Test("a set covers another only when every grant is within it")
    func covers() {
        let staff = PermissionSet(["identity.*", "catalog.products.read"])
        #expect(staff.covers(PermissionSet(["identity.staff.read", "identity.*"])))
        #expect(staff.covers(PermissionSet(["catalog.products.read"])))
        #expect(!staff.covers(PermissionSet(["catalog.*"])))
        #expect(!staff.covers(PermissionSet(["*"])))
        #expect(PermissionSet.all.covers(PermissionSet(["*"])))
    }

    @Test(
        "well-formed permissions", arguments: ["*", "identity.staff.read", "identity.*", "finance.ledger_lines.read"])
    func wellFormed(text: String) { #expect(Permission(text).isWellFormed) }

    @Test(
        "malformed permissions",
        arguments: ["", "identity", "Identity.staff", "identity..read", "identity.*.read", "a b.c"])
    func malformed(text: String) { #expect(!Permission(text).isWellFormed) }

    @Test("a customer principal holds no staff permission whatever its set says")
    func customersHoldNone() {
        let customer = Principal(kind: .customer, id: "cus_x", permissions: .all)
        #expect(!customer.allows(.staffRead))
    }
}
