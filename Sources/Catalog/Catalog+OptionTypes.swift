import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Catalog {
    /// Creates an option type with its values (`size`: S, M, L), shared by every product that uses it.
    public func createOptionType(
        _ optionType: OptionType, by actor: AuditActor, on db: any SQLDatabase
    )
        async throws -> OptionType
    {
        try Self.check(optionType)
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_option_types (code, name, created_at)
            VALUES (\(bind: optionType.code), \(bind: optionType.name), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """
        ).all()
        guard !inserted.isEmpty else { throw CatalogError.optionTypeTaken(optionType.code) }
        for value in optionType.values { try await insertOptionValue(value, of: optionType.code, on: db) }
        try await audit.record(
            "catalog.option_type_created", by: actor, target: ("option_type", optionType.code),
            detail: ["values": optionType.values.map(\.code).joined(separator: ",")], on: db)
        return optionType
    }

    /// Appends a value to an option type; adding an existing value code changes nothing.
    public func addOptionValue(
        _ value: OptionValue, to optionType: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> OptionType {
        var v = Validator()
        Self.check(value, at: "", into: &v)
        try v.finish()
        let existing = try await self.optionType(optionType, on: db)
        guard existing.value(value.code) == nil else { return existing }
        try await insertOptionValue(value, of: optionType, on: db)
        try await audit.record(
            "catalog.option_value_added", by: actor, target: ("option_type", optionType),
            detail: ["value": value.code], on: db)
        return try await self.optionType(optionType, on: db)
    }

    public func optionType(_ code: String, on db: any SQLDatabase) async throws -> OptionType {
        guard let found = try await optionTypes(codes: [code], on: db).first else {
            throw CatalogError.optionTypeNotFound(code)
        }
        return found
    }

    public func optionTypes(on db: any SQLDatabase) async throws -> [OptionType] {
        try await optionTypes(codes: nil, on: db)
    }

    func optionTypes(codes: [String]?, on db: any SQLDatabase) async throws -> [OptionType] {
        if let codes, codes.isEmpty { return [] }
        let filter: SQLQueryString = codes.map { "WHERE t.code IN (\(binds: $0))" } ?? ""
        let rows = try await db.raw(
            """
            SELECT t.code AS type_code, t.name AS type_name, v.code AS value_code, v.name AS value_name
            FROM catalog_option_types t LEFT JOIN catalog_option_values v ON v.option_type = t.code
            \(filter) ORDER BY t.code, v.position, v.code
            """
        ).all()
        var types: [OptionType] = []
        for row in rows {
            let code = try row.string("type_code")
            if types.last?.code != code {
                types.append(OptionType(code: code, name: try row.string("type_name"), values: []))
            }
            if let valueCode = try row.optionalString("value_code") {
                types[types.count - 1].values.append(OptionValue(code: valueCode, name: try row.string("value_name")))
            }
        }
        return types
    }

    private func insertOptionValue(_ value: OptionValue, of optionType: String, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO catalog_option_values (option_type, code, name, position)
            SELECT \(bind: optionType), \(bind: value.code), \(bind: value.name), COALESCE(MAX(position), -1) + 1
            FROM catalog_option_values WHERE option_type = \(bind: optionType)
            ON CONFLICT DO NOTHING
            """
        ).run()
    }

    static func check(_ optionType: OptionType) throws {
        var v = Validator()
        v.check(
            Slug.isValidCode(optionType.code), "/code", "must be lower-case letters, digits, _ or -",
            code: "invalid_code")
        let name = optionType.name.trimmingCharacters(in: .whitespaces)
        v.check(!name.isEmpty && name.count <= 100, "/name", "must be 1 to 100 characters", code: "invalid_name")
        var seen = Set<String>()
        for (index, value) in optionType.values.enumerated() {
            check(value, at: "/values/\(index)", into: &v)
            v.check(seen.insert(value.code).inserted, "/values/\(index)/code", "appears twice", code: "duplicate")
        }
        try v.finish()
    }

    static func check(_ value: OptionValue, at base: String, into v: inout Validator) {
        v.check(
            Slug.isValidValueCode(value.code), base + "/code", "must be lower-case letters, digits, _ or -",
            code: "invalid_code")
        let name = value.name.trimmingCharacters(in: .whitespaces)
        v.check(!name.isEmpty && name.count <= 100, base + "/name", "must be 1 to 100 characters", code: "invalid_name")
    }
}
