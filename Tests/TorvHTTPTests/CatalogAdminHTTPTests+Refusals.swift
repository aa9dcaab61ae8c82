import Foundation
import HTTPTypes
import HummingbirdTesting
import TestSupport
import Testing

/// Refusals of the back-office catalogue: each names the field of the request that caused it.
extension CatalogAdminHTTPTests {
    @Test("bad input is refused with the field that caused it", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let (merch, product) = try await Self.shirt(client: client, platform: platform)

            let duplicate = try await Self.send(
                client, .post, "/v1/admin/catalog/products", token: merch, body: ["title": "Linen shirt"], key: "dup")
            #expect(duplicate.status == .conflict)
            #expect(duplicate.json.string("code") == "slug_taken")
            #expect(Self.firstPointer(duplicate) == "/slug")
            let mug = try await Self.send(
                client, .post, "/v1/admin/catalog/products", token: merch, body: ["title": "Mug"], key: "mug")
            let mugID = try #require(mug.json.string("id"))
            let renamed = try await Self.send(
                client, .patch, "/v1/admin/catalog/products/\(mugID)", token: merch, body: ["slug": "linen-shirt"])
            #expect(renamed.status == .conflict)
            #expect(Self.firstPointer(renamed) == "/slug")

            let unknownType = try await Self.send(
                client, .post, "/v1/admin/catalog/products", token: merch,
                body: ["title": "Cap", "option_types": ["colour"]], key: "cap")
            #expect(unknownType.status == .badRequest)
            #expect(Self.firstPointer(unknownType) == "/option_types/0")
            let badCategory = try await Self.send(
                client, .patch, "/v1/admin/catalog/products/\(product)", token: merch, body: ["category_id": "nope"])
            #expect(Self.firstPointer(badCategory) == "/category_id")
            let cleared = try await Self.send(
                client, .patch, "/v1/admin/catalog/products/\(product)", token: merch,
                body: ["brand": "Nord", "clear": ["brand"]])
            #expect(Self.firstPointer(cleared) == "/clear")
            let channel = try await Self.send(
                client, .put, "/v1/admin/catalog/products/\(product)/channels", token: merch,
                body: ["channels": ["web", "moon"]])
            #expect(channel.status == .badRequest)
            #expect(Self.firstPointer(channel) == "/channels/1")

            let unknownValue = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants", token: merch,
                body: ["sku": "SHIRT-XXL", "options": ["size": "xxl"]], key: "xxl")
            #expect(unknownValue.status == .badRequest)
            #expect(unknownValue.json.string("code") == "option_value_not_found")
            #expect(Self.firstPointer(unknownValue) == "/options/size")
            let unknownGenerated = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants/generate", token: merch,
                body: ["values": ["size": ["s", "xxl"]], "sku_base": "SHIRT"], key: "gen")
            #expect(unknownGenerated.status == .badRequest)
            #expect(Self.firstPointer(unknownGenerated) == "/values/size/1")
            let unknownInDraft = try await Self.send(
                client, .post, "/v1/admin/catalog/products", token: merch,
                body: [
                    "title": "Polo", "option_types": ["size"],
                    "variants": [
                        ["sku": "POLO-S", "options": ["size": "s"]], ["sku": "POLO-X", "options": ["size": "x"]],
                    ],
                ], key: "polo")
            #expect(unknownInDraft.status == .badRequest)
            #expect(Self.firstPointer(unknownInDraft) == "/variants/1/options/size")
            let nothingGenerated = try await Self.send(
                client, .get, "/v1/admin/catalog/products/\(product)", token: merch)
            #expect(nothingGenerated.json.array("variants").isEmpty, "a refused generation creates no variant")
            let variant = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants", token: merch,
                body: ["sku": "SHIRT-S", "options": ["size": "s"]], key: "s")
            let variantID = try #require(variant.json.string("id"))
            let taken = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants", token: merch,
                body: ["sku": "shirt-s", "options": ["size": "m"]], key: "m")
            #expect(taken.status == .conflict)
            #expect(Self.firstPointer(taken) == "/sku")
            let badBarcode = try await Self.send(
                client, .patch, "/v1/admin/catalog/variants/\(variantID)", token: merch,
                body: ["barcode": "4006381333932"])
            #expect(Self.firstPointer(badBarcode) == "/barcode")

            let list = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: merch,
                body: ["name": "Web EUR", "channel": "web", "currency": "EUR"], key: "pl")
            let listID = try #require(list.json.string("id"))
            let prices = "/v1/admin/catalog/price-lists/\(listID)/prices"
            for (price, status, pointer) in [
                (["amount": -1, "currency": "EUR"], HTTPResponse.Status.badRequest, "/price/amount"),
                (["amount": 100, "currency": "XYZ"], .badRequest, "/price/currency"),
                (["amount": 100, "currency": "SEK"], .unprocessableContent, "/price/currency"),
            ] as [([String: Any], HTTPResponse.Status, String)] {
                let refused = try await Self.send(
                    client, .put, prices, token: merch, body: ["variant_id": variantID, "price": price])
                #expect(refused.status == status, "\(price): \(refused.text)")
                #expect(Self.firstPointer(refused) == pointer)
            }
            let tier = try await Self.send(
                client, .put, prices, token: merch,
                body: ["variant_id": variantID, "from_quantity": 0, "price": ["amount": 100, "currency": "EUR"]])
            #expect(Self.firstPointer(tier) == "/from_quantity")
            let strayVariant = try await Self.send(
                client, .put, prices, token: merch,
                body: [
                    "variant_id": "var_00000000000000000000000000", "price": ["amount": 100, "currency": "EUR"],
                ])
            #expect(strayVariant.status == .badRequest)
            #expect(Self.firstPointer(strayVariant) == "/variant_id")
            let badList = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: merch,
                body: ["name": "Odd", "channel": "web", "currency": "EURO"], key: "odd")
            #expect(Self.firstPointer(badList) == "/currency")
        }
    }

    @Test("a category cannot move under itself or below itself", arguments: TestBackend.allCases)
    func categoryCycle(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("merch@shop.example", roles: ["merchandiser"], on: platform)
            let merch = try await Fixture.staffToken("merch@shop.example", client: client)
            let top = try await Self.send(
                client, .post, "/v1/admin/catalog/categories", token: merch, body: ["name": "Home"], key: "a")
            let topID = try #require(top.json.string("id"))
            let middle = try await Self.send(
                client, .post, "/v1/admin/catalog/categories", token: merch,
                body: ["name": "Kitchen", "parent_id": topID], key: "b")
            let middleID = try #require(middle.json.string("id"))
            let bottom = try await Self.send(
                client, .post, "/v1/admin/catalog/categories", token: merch,
                body: ["name": "Mugs", "parent_id": middleID], key: "c")
            let bottomID = try #require(bottom.json.string("id"))

            for target in [bottomID, topID] {
                let refused = try await Self.send(
                    client, .post, "/v1/admin/catalog/categories/\(topID)/move", token: merch,
                    body: ["parent_id": target])
                #expect(refused.status == .unprocessableContent, "\(refused.text)")
                #expect(refused.json.string("code") == "category_cycle")
                #expect(Self.firstPointer(refused) == "/parent_id")
            }
            let unknownParent = try await Self.send(
                client, .post, "/v1/admin/catalog/categories/\(bottomID)/move", token: merch,
                body: ["parent_id": "cat_00000000000000000000000000"])
            #expect(unknownParent.status == .badRequest)
            #expect(Self.firstPointer(unknownParent) == "/parent_id")
            let unknownCategory = try await Self.send(
                client, .post, "/v1/admin/catalog/categories/cat_00000000000000000000000000/move", token: merch,
                body: [:])
            #expect(unknownCategory.status == .notFound)

            let moved = try await Self.send(
                client, .post, "/v1/admin/catalog/categories/\(bottomID)/move", token: merch, body: [:])
            #expect(moved.status == .ok, "\(moved.text)")
            #expect(moved.json["parent_id"] == nil)
            let tree = try await Self.send(client, .get, "/v1/admin/catalog/categories", token: merch)
            #expect(tree.json.array("items").compactMap { $0.string("name") } == ["Home", "Mugs"])
        }
    }
}
