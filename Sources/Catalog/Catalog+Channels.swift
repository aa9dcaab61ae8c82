import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Catalog {
    public func channels(on db: any SQLDatabase) async throws -> [SalesChannel] {
        try await db.raw("SELECT code, name FROM catalog_channels ORDER BY code").all().map { row in
            SalesChannel(code: try row.string("code"), name: try row.string("name"))
        }
    }

    /// Adds a sales channel (`web`, `app`, `pos` and `marketplace` exist from the start).
    public func createChannel(
        _ channel: SalesChannel, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> SalesChannel
    {
        try Self.checkCodeAndName(channel.code, channel.name)
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_channels (code, name, created_at)
            VALUES (\(bind: channel.code), \(bind: channel.name), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """
        ).all()
        guard !inserted.isEmpty else { throw CatalogError.channelTaken(channel.code) }
        try await audit.record(
            "catalog.channel_created", by: actor, target: ("sales_channel", channel.code),
            detail: ["name": channel.name],
            on: db)
        return channel
    }

    public func taxClasses(on db: any SQLDatabase) async throws -> [TaxClass] {
        try await db.raw("SELECT code, name FROM catalog_tax_classes ORDER BY code").all().map { row in
            TaxClass(code: try row.string("code"), name: try row.string("name"))
        }
    }

    /// Adds a tax class (`standard`, `reduced` and `zero` exist from the start).
    public func createTaxClass(
        _ taxClass: TaxClass, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> TaxClass
    {
        try Self.checkCodeAndName(taxClass.code, taxClass.name)
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_tax_classes (code, name, created_at)
            VALUES (\(bind: taxClass.code), \(bind: taxClass.name), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """
        ).all()
        guard !inserted.isEmpty else { throw CatalogError.taxClassTaken(taxClass.code) }
        try await audit.record(
            "catalog.tax_class_created", by: actor, target: ("tax_class", taxClass.code),
            detail: ["name": taxClass.name], on: db)
        return taxClass
    }

    static func checkCodeAndName(_ code: String, _ name: String) throws {
        var v = Validator()
        v.check(Slug.isValidCode(code), "/code", "must be lower-case letters, digits, _ or -", code: "invalid_code")
        let name = name.trimmingCharacters(in: .whitespaces)
        v.check(!name.isEmpty && name.count <= 100, "/name", "must be 1 to 100 characters", code: "invalid_name")
        try v.finish()
    }

    func requireChannels(_ codes: some Collection<String>, on db: any SQLDatabase) async throws {
        guard !codes.isEmpty else { return }
        let known = Set(
            try await db.raw("SELECT code FROM catalog_channels WHERE code IN (\(binds: Array(codes)))")
                .all(decodingColumn: "code", as: String.self))
        if let missing = codes.sorted().first(where: { !known.contains($0) }) {
            throw CatalogError.channelNotFound(missing)
        }
    }

    func requireTaxClass(_ code: String, on db: any SQLDatabase) async throws {
        let found = try await db.raw("SELECT code FROM catalog_tax_classes WHERE code = \(bind: code)").first()
        guard found != nil else { throw CatalogError.taxClassNotFound(code) }
    }
}
