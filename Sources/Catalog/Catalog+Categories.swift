import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Catalog {
    public func createCategory(
        _ draft: NewCategory, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> Category
    {
        let name = draft.name.trimmingCharacters(in: .whitespaces)
        var v = Validator()
        Self.checkCategoryName(name, into: &v)
        v.check(
            Slug.isValid(draft.slug), "/slug", "must be lower-case letters, digits and single hyphens",
            code: "invalid_slug")
        try v.finish()
        if let parent = draft.parentID { _ = try await category(parent, on: db) }
        let now = self.now
        let id = CategoryID.generate(ids, at: now)
        let position = try await positionOrLast(draft.position, under: draft.parentID, on: db)
        let inserted = try await db.raw(
            """
            INSERT INTO catalog_categories (id, parent_id, name, slug, position, created_at)
            VALUES (\(bind: id.rawValue), \(bind: draft.parentID?.rawValue), \(bind: name), \(bind: draft.slug),
                    \(bind: position), \(bind: now.epochMicroseconds))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).all()
        guard !inserted.isEmpty else {
            throw try await categoryConflict(slug: draft.slug, name: name, parent: draft.parentID, except: id, on: db)
                ?? CatalogError.categorySlugTaken(draft.slug)
        }
        try await audit.record(
            "catalog.category_created", by: actor, target: ("category", id.rawValue),
            detail: ["name": name, "slug": draft.slug, "parent_id": draft.parentID?.rawValue ?? ""], on: db)
        return Category(
            id: id, parentID: draft.parentID, name: name, slug: draft.slug, position: position, createdAt: now)
    }

    /// Moves a category, with its whole subtree, under `newParent` (`nil`: to the top level).
    ///
    /// Refuses to put a category under itself or a descendant. The check reads the whole tree, so on
    /// PostgreSQL moves take a transaction-scoped advisory lock first: two concurrent moves (A under B,
    /// B under A) would each pass the check alone and together detach a loop.
    public func moveCategory(
        _ id: CategoryID, under newParent: CategoryID?, position: Int? = nil, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> Category {
        if db.backend == .postgres {
            try await db.raw("SELECT pg_advisory_xact_lock(\(bind: Self.categoryTreeLock))").run()
        }
        let all = try await categories(on: db)
        guard let moving = all.first(where: { $0.id == id }) else { throw CatalogError.categoryNotFound }
        if let newParent, !all.contains(where: { $0.id == newParent }) { throw CatalogError.categoryNotFound }
        let parents = Dictionary(all.map { ($0.id, $0.parentID) }, uniquingKeysWith: { first, _ in first })
        guard !CategoryTree.wouldCreateCycle(moving: id, under: newParent, parents: parents) else {
            throw CatalogError.categoryCycle
        }
        let newPosition = try await positionOrLast(position, under: newParent, on: db)
        try await uniqueWrite(on: db) {
            try await db.raw(
                """
                UPDATE catalog_categories SET parent_id = \(bind: newParent?.rawValue), position = \(bind: newPosition)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
        } conflict: {
            try await categoryConflict(slug: nil, name: moving.name, parent: newParent, except: id, on: db)
        }
        try await audit.record(
            "catalog.category_moved", by: actor, target: ("category", id.rawValue),
            detail: ["from": moving.parentID?.rawValue ?? "", "to": newParent?.rawValue ?? ""], on: db)
        return try await category(id, on: db)
    }

    public func category(_ id: CategoryID, on db: any SQLDatabase) async throws -> Category {
        guard
            let row = try await db.raw(
                "SELECT id, parent_id, name, slug, position, created_at FROM catalog_categories WHERE id = \(bind: id.rawValue)"
            ).first()
        else { throw CatalogError.categoryNotFound }
        return try Self.category(from: row)
    }

    /// Every category, roots first by position; build menus with ``CategoryTree/build(_:)``.
    public func categories(on db: any SQLDatabase) async throws -> [Category] {
        try await db.raw(
            "SELECT id, parent_id, name, slug, position, created_at FROM catalog_categories ORDER BY position, name, id"
        ).all().map(Self.category(from:))
    }

    public func categoryTree(on db: any SQLDatabase) async throws -> [CategoryNode] {
        CategoryTree.build(try await categories(on: db))
    }

    /// A key for `pg_advisory_xact_lock` that serialises category moves.
    static let categoryTreeLock: Int64 = 0x6361_7461_6C6F_6731  // "catalog1"

    static func checkCategoryName(_ name: String, into v: inout Validator) {
        // ">" separates path segments in CSV files, so it cannot be part of a name.
        v.check(
            !name.isEmpty && name.count <= 100 && !name.contains(">"), "/name", "must be 1 to 100 characters without >",
            code: "invalid_name")
    }

    static func category(from row: any SQLRow) throws -> Category {
        Category(
            id: try row.id("id", as: CategoryID.self), parentID: try row.optionalID("parent_id", as: CategoryID.self),
            name: try row.string("name"), slug: try row.string("slug"), position: try row.int("position"),
            createdAt: try row.date("created_at"))
    }

    private func positionOrLast(_ position: Int?, under parent: CategoryID?, on db: any SQLDatabase) async throws -> Int
    {
        if let position { return position }
        let last = try await db.raw(
            "SELECT MAX(position) AS highest FROM catalog_categories WHERE COALESCE(parent_id, '') = \(bind: parent?.rawValue ?? "")"
        ).first(decodingColumn: "highest", as: Int64?.self)
        return Int((last ?? nil).map { $0 + 1 } ?? 0)
    }

    private func categoryConflict(
        slug: String?, name: String, parent: CategoryID?, except id: CategoryID, on db: any SQLDatabase
    ) async throws -> CatalogError? {
        if let slug,
            try await db.raw(
                "SELECT id FROM catalog_categories WHERE slug = \(bind: slug) AND id <> \(bind: id.rawValue)"
            )
            .first() != nil
        {
            return .categorySlugTaken(slug)
        }
        let sibling = try await db.raw(
            """
            SELECT id FROM catalog_categories
            WHERE COALESCE(parent_id, '') = \(bind: parent?.rawValue ?? "") AND name = \(bind: name) AND id <> \(bind: id.rawValue)
            """
        ).first()
        return sibling == nil ? nil : .categoryNameTaken(name)
    }
}
