import Catalog
import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Categories")
struct CategoryTests {
    @Test("a tree is built, a subtree moves, and cycles are refused", arguments: TestBackend.allCases)
    func tree(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (clothing, shirts, formal, garden) = try await shop.write { catalog, db in
                let clothing = try await catalog.createCategory(
                    NewCategory(name: "Clothing"), by: .merchandiser, on: db)
                let shirts = try await catalog.createCategory(
                    NewCategory(name: "Shirts", parentID: clothing.id), by: .merchandiser, on: db)
                let formal = try await catalog.createCategory(
                    NewCategory(name: "Formal", slug: "formal-shirts", parentID: shirts.id), by: .merchandiser, on: db)
                let garden = try await catalog.createCategory(NewCategory(name: "Garden"), by: .merchandiser, on: db)
                return (clothing, shirts, formal, garden)
            }
            #expect(shirts.parentID == clothing.id && shirts.slug == "shirts" && garden.position == 1)
            for (moving, target) in [(clothing.id, clothing.id), (clothing.id, formal.id), (shirts.id, formal.id)] {
                await #expect(throws: CatalogError.categoryCycle) {
                    try await shop.write { catalog, db in
                        try await catalog.moveCategory(moving, under: target, by: .merchandiser, on: db)
                    }
                }
            }
            let moved = try await shop.write { catalog, db in
                try await catalog.moveCategory(shirts.id, under: garden.id, by: .merchandiser, on: db)
            }
            #expect(moved.parentID == garden.id && moved.position == 0)
            let tree = try await shop.read { catalog, db in try await catalog.categoryTree(on: db) }
            #expect(tree.map(\.category.name) == ["Clothing", "Garden"])
            #expect(tree[0].children.isEmpty)
            #expect(tree[1].children.map(\.category.name) == ["Shirts"])
            #expect(tree[1].children[0].children.map(\.category.id) == [formal.id])
            #expect(try await shop.auditActions().filter { $0 == "catalog.category_moved" }.count == 1)
        }
    }

    @Test("slugs are unique and sibling names too", arguments: TestBackend.allCases)
    func uniqueness(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (kids, women) = try await shop.write { catalog, db in
                (
                    try await catalog.createCategory(NewCategory(name: "Kids"), by: .merchandiser, on: db),
                    try await catalog.createCategory(NewCategory(name: "Women"), by: .merchandiser, on: db)
                )
            }
            let shirts = try await shop.write { catalog, db in
                try await catalog.createCategory(
                    NewCategory(name: "Shirts", parentID: kids.id), by: .merchandiser, on: db)
            }
            await #expect(throws: CatalogError.categorySlugTaken("shirts")) {
                try await shop.write { catalog, db in
                    try await catalog.createCategory(
                        NewCategory(name: "Shirts", parentID: women.id), by: .merchandiser, on: db)
                }
            }
            await #expect(throws: CatalogError.categoryNameTaken("Shirts")) {
                try await shop.write { catalog, db in
                    try await catalog.createCategory(
                        NewCategory(name: "Shirts", slug: "kids-shirts", parentID: kids.id), by: .merchandiser, on: db)
                }
            }
            try await shop.write { catalog, db in
                _ = try await catalog.createCategory(
                    NewCategory(name: "Shirts", slug: "women-shirts", parentID: women.id), by: .merchandiser, on: db)
                await #expect(throws: CatalogError.categoryNameTaken("Shirts")) {
                    try await catalog.moveCategory(shirts.id, under: women.id, by: .merchandiser, on: db)
                }
            }
        }
    }
}
