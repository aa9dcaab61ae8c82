import Catalog
public import Flows
import Identity
import Persistence

/// The sample data of `torv demo`, made by the project (nothing is downloaded). Seeding is
/// idempotent: a demo database that has its owner already is left as it is.
public enum DemoShop {
    public static let ownerEmail = "owner@torv.demo"
    public static let ownerPassword = "torv-demo-owner"
    static let staffPassword = "torv-demo-staff"
    static let customerPassword = "torv-demo-shopper"

    public struct Summary: Sendable {
        public var created: Bool
        public var apiKeyToken: String?
        public var products = 0

        func banner(url: String) -> String {
            var lines = [
                "", "Torv demo shop", "  Shop & API:   \(url)", "  API reference: \(url)/docs",
                "  OpenAPI:      \(url)/openapi.json",
                "  Staff sign-in: \(ownerEmail) / \(ownerPassword)  (POST /v1/admin/auth/login)",
                "  Shopper:      ada@torv.demo / \(customerPassword)  (POST /v1/store/auth/login)",
            ]
            if let apiKeyToken {
                lines.append("  API key (read-only, shown once): \(apiKeyToken)")
            }
            lines.append("  Catalogue:    \(url)/v1/store/products")
            lines.append(
                created ? "  (new demo data created: \(products) products)" : "  (demo data from an earlier run)")
            lines.append("")
            return lines.joined(separator: "\n")
        }
    }

    public static func seed(on platform: Platform) async throws -> Summary {
        let identity = platform.identity
        let existing = try await platform.database.read { db in
            try await identity.staffUsers(after: nil, limit: 1, on: db)
        }
        guard existing.isEmpty else { return Summary(created: false, apiKeyToken: nil) }

        _ = try await Administrators.createOwner(
            email: ownerEmail, name: "Olivia Owner", password: ownerPassword, on: platform)
        for (email, name, role) in [
            ("sam@torv.demo", "Sam Support", "support"), ("avery@torv.demo", "Avery Auditor", "auditor"),
            ("alex@torv.demo", "Alex Admin", "administrator"),
        ] {
            _ = try await identity.createStaffUser(
                NewStaffUser(email: email, name: name, password: staffPassword, roles: [role]), by: .system,
                in: platform.database)
        }
        for (email, name) in [
            ("ada@torv.demo", "Ada Lovelace"), ("grace@torv.demo", "Grace Hopper"), ("alan@torv.demo", "Alan Turing"),
            ("katherine@torv.demo", "Katherine Johnson"), ("linus@torv.demo", "Linus Nilsson"),
        ] {
            _ = try await identity.registerCustomer(
                email: email, password: customerPassword, name: name, requestID: nil, in: platform.database)
        }
        let catalogue = DemoCatalog.generate()
        let report = try await CatalogImport.run(
            csv: catalogue.csv, dryRun: false, by: AuditActor(kind: "system", id: "torv demo"), on: platform)
        _ = try await DemoStock.seed(skus: catalogue.skus, on: platform)
        let key = try await APIKeys.create(
            name: "Demo reporting", scopes: ["identity.staff.read", "identity.audit.read", "identity.customers.read"],
            forStaffEmail: ownerEmail, on: platform)
        return Summary(created: true, apiKeyToken: key.token, products: report.productsCreated)
    }
}
