import Catalog
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import TorvCore

extension AuditActor {
    static let merchandiser = AuditActor(kind: "staff", id: "stf_merchandiser", requestID: "req-test")
}

/// A test's catalogue over one fresh database.
struct Shop {
    let env: TestEnvironment
    let platform: Platform

    init(_ env: TestEnvironment) {
        self.env = env
        self.platform = env.platform()
    }

    var catalog: Catalog { platform.catalog }
    var now: Date { env.clock.now }

    /// Runs `body` in one transaction, as a flow would.
    func write<R: Sendable>(_ body: @escaping @Sendable (Catalog, any SQLDatabase) async throws -> R) async throws -> R
    {
        let catalog = self.catalog
        return try await env.database.inTransaction { db in try await body(catalog, db) }
    }

    func read<R: Sendable>(_ body: @escaping @Sendable (Catalog, any SQLDatabase) async throws -> R) async throws -> R {
        let catalog = self.catalog
        return try await env.database.read { db in try await body(catalog, db) }
    }

    /// `size` (S, M, L) and `colour` (Red, Blue) option types.
    func createOptionTypes() async throws {
        try await write { catalog, db in
            _ = try await catalog.createOptionType(
                OptionType(
                    code: "size", name: "Size",
                    values: [
                        OptionValue(code: "s", name: "S"), OptionValue(code: "m", name: "M"),
                        OptionValue(code: "l", name: "L"),
                    ]),
                by: .merchandiser, on: db)
            _ = try await catalog.createOptionType(
                OptionType(
                    code: "colour", name: "Colour",
                    values: [OptionValue(code: "red", name: "Red"), OptionValue(code: "blue", name: "Blue")]),
                by: .merchandiser, on: db)
        }
    }

    /// A product with one variant per SKU and, when `price` is given, that base price in `web`/EUR.
    @discardableResult
    func product(
        _ title: String, skus: [String], price: Int64? = nil, category: CategoryID? = nil,
        attributes: [String: AttributeValue] = [:], channels: Set<String> = ["web"], publish: Bool = true,
        description: String = ""
    ) async throws -> (product: Product, variants: [Variant]) {
        try await write { catalog, db in
            let created = try await catalog.createProduct(
                NewProduct(
                    ProductDetails(
                        title: title, description: description, categoryID: category, attributes: attributes),
                    channels: channels, variants: skus.map { NewVariant(sku: $0) }),
                by: .merchandiser, on: db)
            let variants = try await catalog.variants(of: created.id, on: db)
            if let price {
                let list = try await catalog.basePriceList(channel: "web", currency: .eur, by: .merchandiser, on: db)
                for variant in variants {
                    try await catalog.setPrice(.eur(price), of: variant.id, in: list.id, by: .merchandiser, on: db)
                }
            }
            let product = publish ? try await catalog.publishProduct(created.id, by: .merchandiser, on: db) : created
            return (product, variants)
        }
    }

    func events(_ type: String) async throws -> [EventEnvelope] {
        try await env.database.read { db in try await platform.outbox.history(limit: 1000, on: db) }.filter {
            $0.type == type
        }
    }

    func auditActions() async throws -> [String] {
        try await env.database.read { db in try await platform.audit.list(limit: 1000, on: db) }.map(\.action)
    }
}
