import Catalog
import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Products")
struct ProductTests {
    @Test(
        "a product is created with variants, attributes, media and channels, and audited",
        arguments: TestBackend.allCases)
    func create(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            try await shop.createOptionTypes()
            let details = ProductDetails(
                title: " Linen Shirt ", description: "Breathes.", brand: "Nord",
                attributes: [
                    "material": .text("linen"), "sleeve_cm": .number(Decimal(string: "61.5")!),
                    "organic": .boolean(true),
                ],
                media: [
                    MediaReference(url: "https://cdn.example/shirt.jpg", altText: "A shirt"),
                    MediaReference(url: "https://cdn.example/back.jpg"),
                ])
            let created = try await shop.write { catalog, db in
                try await catalog.createProduct(
                    NewProduct(
                        details, optionTypes: ["size"], channels: ["web", "app"],
                        variants: [
                            NewVariant(
                                sku: "SHIRT-S", options: ["size": "s"], barcode: "4006381333931", weightGrams: 210),
                            NewVariant(sku: "SHIRT-M", options: ["size": "m"]),
                        ]),
                    by: .merchandiser, on: db)
            }
            #expect(created.slug == "linen-shirt")
            #expect(created.title == "Linen Shirt")
            #expect(created.status == .draft)
            #expect(created.channels == ["app", "web"])
            #expect(created.details.attributes == details.attributes)
            #expect(created.details.media == details.media)
            #expect(created.createdAt == shop.now)
            let (bySlug, variants) = try await shop.read { catalog, db in
                (
                    try await catalog.product(slug: "linen-shirt", on: db),
                    try await catalog.variants(of: created.id, on: db)
                )
            }
            #expect(bySlug == created)
            #expect(variants.map(\.sku) == ["SHIRT-S", "SHIRT-M"])
            #expect(variants[0].options == [OptionChoice("size", "s")])
            #expect(variants[0].weightGrams == 210)
            #expect(
                try await shop.read { catalog, db in try await catalog.variant(sku: "shirt-s", on: db) }.id
                    == variants[0].id)
            #expect(try await shop.auditActions().contains("catalog.product_created"))
        }
    }

    @Test("creation reports every invalid field at once", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let draft = NewProduct(
                ProductDetails(
                    title: " ", slug: "Bad Slug", taxClass: "Standard!", attributes: ["Bad Code": .text("")],
                    media: [MediaReference(url: "ftp://files/x.jpg")]),
                variants: [
                    NewVariant(sku: "has space", barcode: "4006381333932", weightGrams: -1),
                    NewVariant(sku: "has space"),
                ])
            let error = await #expect(throws: ValidationError.self) {
                try await shop.write { catalog, db in try await catalog.createProduct(draft, by: .merchandiser, on: db)
                }
            }
            #expect(
                Set(error?.fieldErrors.map(\.pointer) ?? []) == [
                    "/title", "/slug", "/tax_class", "/attributes/Bad Code", "/media/0/url", "/variants/0/sku",
                    "/variants/0/barcode", "/variants/0/weight_grams", "/variants/1/sku", "/variants",
                ])
        }
    }

    @Test("slugs are unique, on creation and on update", arguments: TestBackend.allCases)
    func slugTaken(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            try await shop.product("Mug", skus: ["MUG"])
            let other = try await shop.product("Cup", skus: ["CUP"]).product
            await #expect(throws: CatalogError.slugTaken("mug")) {
                try await shop.product("Mug", skus: ["MUG-2"])
            }
            // The refused update runs behind a savepoint: the same transaction carries on.
            let title = try await shop.write { catalog, db in
                var details = other.details
                details.slug = "mug"
                await #expect(throws: CatalogError.slugTaken("mug")) {
                    try await catalog.updateProduct(other.id, details: details, by: .merchandiser, on: db)
                }
                details.slug = "cup-large"
                details.title = "Large cup"
                return try await catalog.updateProduct(other.id, details: details, by: .merchandiser, on: db).title
            }
            #expect(title == "Large cup")
            #expect(try await shop.auditActions().filter { $0 == "catalog.product_updated" }.count == 1)
        }
    }

    @Test("references must exist: tax class, category, channels, option types", arguments: TestBackend.allCases)
    func references(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            func create(_ draft: NewProduct) async throws {
                _ = try await shop.write { catalog, db in
                    try await catalog.createProduct(draft, by: .merchandiser, on: db)
                }
            }
            await #expect(throws: CatalogError.taxClassNotFound("luxury")) {
                try await create(NewProduct(ProductDetails(title: "A", taxClass: "luxury")))
            }
            await #expect(throws: CatalogError.categoryNotFound) {
                try await create(NewProduct(ProductDetails(title: "A", categoryID: .fixed(9))))
            }
            await #expect(throws: CatalogError.channelNotFound("tv")) {
                try await create(NewProduct(ProductDetails(title: "A"), channels: ["web", "tv"]))
            }
            await #expect(throws: CatalogError.optionTypeNotFound("size")) {
                try await create(NewProduct(ProductDetails(title: "A"), optionTypes: ["size"]))
            }
            try await shop.write { catalog, db in
                _ = try await catalog.createTaxClass(
                    TaxClass(code: "luxury", name: "Luxury rate"), by: .merchandiser, on: db)
            }
            try await create(NewProduct(ProductDetails(title: "A", taxClass: "luxury")))
        }
    }

    @Test("an attribute keeps one kind across the catalogue", arguments: TestBackend.allCases)
    func attributeKinds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            try await shop.product("Phone", skus: ["PH"], attributes: ["screen_inches": .number(6)])
            await #expect(throws: CatalogError.attributeKindMismatch(code: "screen_inches", expected: .number)) {
                try await shop.product("Tablet", skus: ["TB"], attributes: ["screen_inches": .text("eleven")])
            }
        }
    }

    @Test(
        "publishing needs a variant, emits product.published and follows the life cycle",
        arguments: TestBackend.allCases)
    func lifeCycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let empty = try await shop.write { catalog, db in
                try await catalog.createProduct(NewProduct(ProductDetails(title: "Empty")), by: .merchandiser, on: db)
            }
            await #expect(throws: CatalogError.productHasNoVariants) {
                try await shop.write { catalog, db in
                    try await catalog.publishProduct(empty.id, by: .merchandiser, on: db)
                }
            }
            let (product, _) = try await shop.product("Lamp", skus: ["LAMP"], channels: ["web", "pos"], publish: false)
            let published = try await shop.write { catalog, db in
                try await catalog.publishProduct(product.id, by: .merchandiser, on: db)
            }
            #expect(published.status == .published)
            #expect(published.publishedAt == shop.now)
            let events = try await shop.events(ProductPublished.eventType)
            #expect(events.count == 1)
            let event = try events[0].decode(ProductPublished.self)
            #expect(event.productID == product.id && event.slug == "lamp" && event.channels == ["pos", "web"])
            #expect(events[0].requestID == "req-test")

            let archived = try await shop.write { catalog, db in
                try await catalog.archiveProduct(product.id, by: .merchandiser, on: db)
            }
            #expect(archived.status == .archived)
            await #expect(throws: CatalogError.invalidStatusTransition(from: .archived, to: .published)) {
                try await shop.write { catalog, db in
                    try await catalog.publishProduct(product.id, by: .merchandiser, on: db)
                }
            }
            let draft = try await shop.write { catalog, db in
                try await catalog.unpublishProduct(product.id, by: .merchandiser, on: db)
            }
            #expect(draft.status == .draft)
            #expect(try await shop.auditActions().filter { $0 == "catalog.product_status_changed" }.count == 3)
        }
    }

    @Test("back-office listing pages through every status by ID", arguments: TestBackend.allCases)
    func backOfficeList(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            for index in 0..<5 {
                env.clock.advance(by: 1)
                try await shop.product("Item \(index)", skus: ["ITEM-\(index)"], publish: index.isMultiple(of: 2))
            }
            let (first, second, drafts) = try await shop.read { catalog, db in
                let first = try await catalog.products(limit: 3, on: db)
                let second = try await catalog.products(after: first.last?.id, limit: 3, on: db)
                return (first, second, try await catalog.products(status: .draft, on: db))
            }
            #expect((first + second).map(\.title) == (0..<5).map { "Item \($0)" })
            #expect(drafts.map(\.title) == ["Item 1", "Item 3"])
        }
    }
}
