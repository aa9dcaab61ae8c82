import Catalog
import Foundation
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Variants")
struct VariantTests {
    static func shirt(_ shop: Shop) async throws -> Product {
        try await shop.createOptionTypes()
        return try await shop.write { catalog, db in
            try await catalog.createProduct(
                NewProduct(ProductDetails(title: "Tee"), optionTypes: ["size", "colour"]), by: .merchandiser, on: db)
        }
    }

    @Test(
        "variants are generated from option values, skipping combinations that exist", arguments: TestBackend.allCases)
    func generate(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let tee = try await Self.shirt(shop)
            let first = try await shop.write { catalog, db in
                try await catalog.addVariant(
                    NewVariant(sku: "TEE-S-RED", options: ["size": "s", "colour": "red"]), to: tee.id,
                    by: .merchandiser, on: db)
            }
            let generated = try await shop.write { catalog, db in
                try await catalog.generateVariants(
                    for: tee.id, values: ["size": ["s", "m"], "colour": ["red", "blue"]], skuBase: "TEE",
                    weightGrams: 180,
                    by: .merchandiser, on: db)
            }
            #expect(generated.map(\.sku) == ["TEE-S-BLUE", "TEE-M-RED", "TEE-M-BLUE"])
            #expect(generated.allSatisfy { $0.weightGrams == 180 })
            let all = try await shop.read { catalog, db in try await catalog.variants(of: tee.id, on: db) }
            #expect(all.map(\.id) == [first.id] + generated.map(\.id))
            #expect(all.map(\.position) == [0, 1, 2, 3])
            #expect(all[3].options == [OptionChoice("size", "m"), OptionChoice("colour", "blue")])
        }
    }

    @Test(
        "a variant needs exactly one known value of each option, and a fresh combination",
        arguments: TestBackend.allCases)
    func optionRules(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let tee = try await Self.shirt(shop)
            func add(_ sku: String, _ options: [String: String]) async throws {
                _ = try await shop.write { catalog, db in
                    try await catalog.addVariant(
                        NewVariant(sku: sku, options: options), to: tee.id, by: .merchandiser, on: db)
                }
            }
            await #expect(throws: CatalogError.variantOptionsMismatch(expected: ["size", "colour"])) {
                try await add("TEE-S", ["size": "s"])
            }
            await #expect(throws: CatalogError.optionValueNotFound(optionType: "colour", value: "green")) {
                try await add("TEE-S-GREEN", ["size": "s", "colour": "green"])
            }
            try await add("TEE-S-RED", ["size": "s", "colour": "red"])
            await #expect(throws: CatalogError.duplicateVariantOptions("colour=red;size=s")) {
                try await add("TEE-S-RED-2", ["size": "s", "colour": "red"])
            }
            try await shop.write { catalog, db in
                _ = try await catalog.addOptionValue(
                    OptionValue(code: "green", name: "Green"), to: "colour", by: .merchandiser, on: db)
            }
            try await add("TEE-S-GREEN", ["size": "s", "colour": "green"])
        }
    }

    @Test(
        "SKUs are unique ignoring case, barcodes are unique, on creation and on update", arguments: TestBackend.allCases
    )
    func uniqueness(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let shop = Shop(env)
            let (_, mugs) = try await shop.product("Mug", skus: ["MUG-1"])
            try await shop.write { catalog, db in
                _ = try await catalog.updateVariant(
                    mugs[0].id, VariantDetails(sku: "MUG-1", barcode: "4006381333931"), by: .merchandiser, on: db)
            }
            await #expect(throws: CatalogError.skuTaken("mug-1")) {
                try await shop.product("Cup", skus: ["mug-1"])
            }
            let (_, cups) = try await shop.product("Cup", skus: ["CUP-1"])
            let renamed = try await shop.write { catalog, db in
                await #expect(throws: CatalogError.skuTaken("Mug-1")) {
                    try await catalog.updateVariant(cups[0].id, VariantDetails(sku: "Mug-1"), by: .merchandiser, on: db)
                }
                await #expect(throws: CatalogError.barcodeTaken("4006381333931")) {
                    try await catalog.updateVariant(
                        cups[0].id, VariantDetails(sku: "CUP-1", barcode: "4006381333931"), by: .merchandiser, on: db)
                }
                return try await catalog.updateVariant(
                    cups[0].id, VariantDetails(sku: "CUP-ONE", weightGrams: 300), by: .merchandiser, on: db)
            }
            #expect(renamed.sku == "CUP-ONE" && renamed.weightGrams == 300)
            await #expect(throws: CatalogError.variantNotFound) {
                try await shop.read { catalog, db in try await catalog.variant(sku: "CUP-1", on: db) }
            }
        }
    }
}
