import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Inventory
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Back-office catalogue over HTTP")
struct CatalogAdminHTTPTests {
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!

    /// One call as a bearer of `token` (none: anonymous), with a JSON body when given.
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, token: String?,
        body: [String: Any]? = nil, key: String? = nil
    ) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let key { headers[idempotencyKey] = key }
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map(Fixture.json))
    }

    static func firstPointer(_ response: TestResponse) -> String? {
        response.json.array("errors").first?.string("pointer")
    }

    /// A merchandiser's token, and a product "Linen Shirt" with option type size (s, m, l) and no variants.
    static func shirt(
        client: any TestClientProtocol, platform: Platform
    ) async throws -> (token: String, productID: String) {
        _ = try await Fixture.staff("merch@shop.example", roles: ["merchandiser"], on: platform)
        let merch = try await Fixture.staffToken("merch@shop.example", client: client)
        let size = try await send(
            client, .post, "/v1/admin/catalog/option-types", token: merch,
            body: [
                "code": "size", "name": "Size", "values": [["code": "s", "name": "S"], ["code": "m", "name": "M"]],
            ],
            key: "size")
        #expect(size.status == .created, "\(size.text)")
        let large = try await send(
            client, .post, "/v1/admin/catalog/option-types/size/values", token: merch,
            body: ["code": "l", "name": "L"])
        #expect(large.json.array("values").compactMap { $0.string("code") } == ["s", "m", "l"], "\(large.text)")
        let created = try await send(
            client, .post, "/v1/admin/catalog/products", token: merch,
            body: [
                "title": "Linen Shirt", "option_types": ["size"], "channels": ["web"],
                "attributes": ["material": "linen", "organic": true, "sleeve_cm": 61.5],
                "media": [["url": "https://cdn.example/shirt.jpg", "alt_text": "A linen shirt"]],
            ], key: "shirt")
        #expect(created.status == .created, "\(created.text)")
        return (merch, try #require(created.json.string("id")))
    }

    /// Twenty units of `sku` in a shipping warehouse and a Swedish VAT rate, so a cart can price it.
    static func readyToSell(_ sku: String, on platform: Platform) async throws {
        try await platform.database.inTransaction { db in
            let warehouse = try await platform.inventory.createLocation(
                StockLocationDraft(
                    kind: .warehouse, name: "Warehouse",
                    address: PostalAddress(line1: "Dock 1", city: "Malmö", postalCode: "211 20", countryCode: "SE"),
                    ships: true, offersPickup: false, priority: 1), by: .system, on: db)
            _ = try await platform.inventory.receive(
                StockReceipt(locationID: warehouse.id, lines: [StockLine(sku: sku, quantity: 20)]), by: .system, on: db)
            _ = try await platform.checkout.setTaxRate(
                TaxRate(country: "SE", taxClass: "standard", basisPoints: 2500), by: .system, on: db)
        }
    }

    @Test(
        "staff build a product through the API; shoppers find it by category and pay the tier price for ten",
        arguments: TestBackend.allCases)
    func buildAndSell(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (merch, product) = try await Self.shirt(client: client, platform: platform)
            let replay = try await Self.send(
                client, .post, "/v1/admin/catalog/products", token: merch,
                body: [
                    "title": "Linen Shirt", "option_types": ["size"], "channels": ["web"],
                    "attributes": ["material": "linen", "organic": true, "sleeve_cm": 61.5],
                    "media": [["url": "https://cdn.example/shirt.jpg", "alt_text": "A linen shirt"]],
                ], key: "shirt")
            #expect(replay.json.string("id") == product, "a retried create returns the first product")

            let clothing = try await Self.send(
                client, .post, "/v1/admin/catalog/categories", token: merch, body: ["name": "Clothing"], key: "c1")
            let clothingID = try #require(clothing.json.string("id"), "\(clothing.text)")
            let shirts = try await Self.send(
                client, .post, "/v1/admin/catalog/categories", token: merch,
                body: ["name": "Shirts", "parent_id": clothingID], key: "c2")
            #expect(shirts.status == .created)
            let shirtsID = try #require(shirts.json.string("id"))

            let patched = try await Self.send(
                client, .patch, "/v1/admin/catalog/products/\(product)", token: merch,
                body: ["category_id": shirtsID, "brand": "Nord"])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(patched.json.string("category_id") == shirtsID)
            #expect(patched.json.string("title") == "Linen Shirt", "fields not sent stay as they are")
            #expect(patched.json.string("slug") == "linen-shirt")

            let small = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants", token: merch,
                body: ["sku": "SHIRT-S", "options": ["size": "s"], "weight_grams": 300], key: "v1")
            #expect(small.status == .created, "\(small.text)")
            let smallID = try #require(small.json.string("id"))
            let generated = try await Self.send(
                client, .post, "/v1/admin/catalog/products/\(product)/variants/generate", token: merch,
                body: ["values": ["size": ["s", "m", "l"]], "sku_base": "SHIRT"], key: "v2")
            #expect(generated.status == .created, "\(generated.text)")
            #expect(generated.json.array("items").compactMap { $0.string("sku") } == ["SHIRT-M", "SHIRT-L"])
            let medium = try #require(generated.json.array("items").first?.string("id"))
            let barcode = try await Self.send(
                client, .patch, "/v1/admin/catalog/variants/\(medium)", token: merch,
                body: ["barcode": "4006381333931"])
            #expect(barcode.json.string("barcode") == "4006381333931", "\(barcode.text)")
            #expect(barcode.json.string("sku") == "SHIRT-M")

            let list = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: merch,
                body: ["name": "Web EUR", "channel": "web", "currency": "EUR"], key: "pl")
            #expect(list.status == .created, "\(list.text)")
            let listID = try #require(list.json.string("id"))
            for (variant, quantity, amount) in [(smallID, 1, 4000), (smallID, 10, 3500), (medium, 1, 4200)] {
                let set = try await Self.send(
                    client, .put, "/v1/admin/catalog/price-lists/\(listID)/prices", token: merch,
                    body: [
                        "variant_id": variant, "from_quantity": quantity,
                        "price": ["amount": amount, "currency": "EUR"],
                    ])
                #expect(set.status == .ok, "\(set.text)")
                #expect(set.json["changed"] as? Bool == true)
            }
            let published = try await Self.send(
                client, .put, "/v1/admin/catalog/products/\(product)/status", token: merch,
                body: ["status": "published"])
            #expect(published.json.string("status") == "published", "\(published.text)")
            try await Self.readyToSell("SHIRT-S", on: platform)
            env.clock.advance(by: 60)

            let detail = try await Self.send(client, .get, "/v1/admin/catalog/products/\(product)", token: merch)
            #expect(detail.json.string("brand") == "Nord")
            #expect(detail.json.object("attributes")["sleeve_cm"] as? Double == 61.5)
            #expect(detail.json.object("attributes")["organic"] as? Bool == true)
            #expect(detail.json.array("media").first?.string("alt_text") == "A linen shirt")
            let variants = detail.json.array("variants")
            #expect(variants.compactMap { $0.string("sku") } == ["SHIRT-S", "SHIRT-M", "SHIRT-L"])
            let tiers = variants.first?.array("prices").compactMap { $0["from_quantity"] as? Int }
            #expect(tiers == [1, 10])

            let tree = try await Self.send(client, .get, "/v1/store/categories", token: nil)
            #expect(tree.status == .ok)
            #expect(tree.json.array("items").first?.string("name") == "Clothing")
            #expect(tree.json.array("items").first?.array("children").first?.string("name") == "Shirts")
            let browsed = try await Self.send(
                client, .get, "/v1/store/products?category=\(clothingID)", token: nil)
            #expect(browsed.json.array("items").compactMap { $0.string("slug") } == ["linen-shirt"], "\(browsed.text)")
            let shown = try await Self.send(client, .get, "/v1/store/products/linen-shirt", token: nil)
            let shownSmall = shown.json.array("variants").first { $0.string("sku") == "SHIRT-S" }
            #expect(shownSmall?.object("price")["amount"] as? Int == 4000, "\(shown.text)")

            let cart = try await Self.send(client, .post, "/v1/store/carts", token: nil, body: ["currency": "EUR"])
            let cartID = try #require(cart.json.string("id"))
            let guest = try #require(cart.json.string("guest_token"))
            let added = try await client.execute(
                uri: "/v1/store/carts/\(cartID)/lines", method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("X-Cart-Token")!: guest],
                body: Fixture.json(["variant_id": smallID, "quantity": 10]))
            #expect(added.status == .ok, "\(added.text)")
            #expect(added.json.array("lines").first?.object("unit_price")["amount"] as? Int == 3500, "\(added.text)")

            let removed = try await Self.send(
                client, .delete,
                "/v1/admin/catalog/price-lists/\(listID)/prices?variant_id=\(smallID)&from_quantity=10",
                token: merch)
            #expect(removed.json["changed"] as? Bool == true, "\(removed.text)")
            let history = try await Self.send(
                client, .get, "/v1/admin/catalog/variants/\(smallID)/price-history", token: merch)
            let changes = history.json.array("items")
            #expect(changes.compactMap { $0["from_quantity"] as? Int } == [1, 10, 10])
            #expect(changes.last?["new_price"] == nil)
            #expect(changes.last?.object("old_price")["amount"] as? Int == 3500)
            #expect(changes.allSatisfy { $0.string("recorded_at") != nil })
        }
    }

    @Test(
        "staff add sales channels and tax classes and list them with option types and price lists",
        arguments: TestBackend.allCases)
    func reference(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let (merch, _) = try await Self.shirt(client: client, platform: platform)
            for (path, code) in [("channels", "kiosk"), ("tax-classes", "books")] {
                let created = try await Self.send(
                    client, .post, "/v1/admin/catalog/\(path)", token: merch, body: ["code": code, "name": "New"],
                    key: path)
                #expect(created.status == .created, "\(created.text)")
                let again = try await Self.send(
                    client, .post, "/v1/admin/catalog/\(path)", token: merch, body: ["code": code, "name": "Again"])
                #expect(again.status == .conflict)
                #expect(Self.firstPointer(again) == "/code")
                let listed = try await Self.send(client, .get, "/v1/admin/catalog/\(path)", token: merch)
                #expect(listed.json.array("items").contains { $0.string("code") == code }, "\(listed.text)")
            }
            let types = try await Self.send(client, .get, "/v1/admin/catalog/option-types", token: merch)
            #expect(types.json.array("items").compactMap { $0.string("code") } == ["size"])

            let sale = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: merch,
                body: [
                    "name": "Kiosk sale", "channel": "kiosk", "currency": "SEK", "priority": 10,
                    "customer_group": "staff", "starts_at": "2030-01-01T00:00:00Z", "ends_at": "2030-02-01T00:00:00Z",
                ], key: "sale")
            #expect(sale.status == .created, "\(sale.text)")
            #expect(sale.json["priority"] as? Int == 10)
            #expect(sale.json.string("customer_group") == "staff")
            let backwards = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: merch,
                body: [
                    "name": "Backwards", "channel": "kiosk", "currency": "SEK", "starts_at": "2030-02-01T00:00:00Z",
                    "ends_at": "2030-01-01T00:00:00Z",
                ], key: "backwards")
            #expect(Self.firstPointer(backwards) == "/ends_at")
            let kiosk = try await Self.send(client, .get, "/v1/admin/catalog/price-lists?channel=kiosk", token: merch)
            #expect(kiosk.json.array("items").compactMap { $0.string("name") } == ["Kiosk sale"])
        }
    }

    @Test(
        "staff changing different fields of one product at once both keep their change",
        arguments: TestBackend.allCases)
    func concurrentChanges(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let (merch, product) = try await Self.shirt(client: client, platform: platform)
            let changes: [[String: Any]] = [
                ["title": "Linen Shirt II"], ["brand": "Nord"], ["description": "Cool in summer"],
                ["tax_class": "reduced"],
            ]
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for change in changes {
                    let body = Fixture.json(change)
                    group.addTask {
                        try await client.execute(
                            uri: "/v1/admin/catalog/products/\(product)", method: .patch,
                            headers: Fixture.bearer(merch), body: body
                        ).status
                    }
                }
                for try await status in group { #expect(status == .ok) }
            }
            let detail = try await Self.send(client, .get, "/v1/admin/catalog/products/\(product)", token: merch)
            #expect(detail.json.string("title") == "Linen Shirt II")
            #expect(detail.json.string("brand") == "Nord")
            #expect(detail.json.string("description") == "Cool in summer")
            #expect(detail.json.string("tax_class") == "reduced")
        }
    }

    @Test("staff without catalogue permissions are refused; every change is audited", arguments: TestBackend.allCases)
    func permissions(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let (merch, product) = try await Self.shirt(client: client, platform: platform)
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let readOnlyKey = try await Fixture.apiKey(
                scopes: ["catalog.products.read"], forStaffEmail: "merch@shop.example", on: platform)
            let outsiders = [
                try await Fixture.staffToken("dock@shop.example", client: client),
                try await Fixture.staffToken("help@shop.example", client: client),
            ]
            for token in outsiders {
                for (method, uri, body) in [
                    (HTTPRequest.Method.get, "/v1/admin/catalog/products/\(product)", nil),
                    (.patch, "/v1/admin/catalog/products/\(product)", ["title": "Hijacked"]),
                    (.post, "/v1/admin/catalog/categories", ["name": "Loot"]),
                    (.get, "/v1/admin/catalog/price-lists", nil),
                ] as [(HTTPRequest.Method, String, [String: Any]?)] {
                    let refused = try await Self.send(client, method, uri, token: token, body: body)
                    #expect(refused.status == .forbidden, "\(method) \(uri)")
                }
            }
            let readable = try await Self.send(
                client, .get, "/v1/admin/catalog/products/\(product)", token: readOnlyKey)
            #expect(readable.status == .ok)
            let unpriced = try await Self.send(
                client, .post, "/v1/admin/catalog/price-lists", token: readOnlyKey,
                body: ["name": "Sneaky", "channel": "web", "currency": "EUR"])
            #expect(unpriced.status == .forbidden)
            let unchanged = try await Self.send(client, .get, "/v1/admin/catalog/products/\(product)", token: merch)
            #expect(unchanged.json.string("title") == "Linen Shirt")

            let owner = try await Fixture.staffToken("owner@shop.example", client: client)
            let audit = try await Self.send(client, .get, "/v1/admin/audit-log?limit=200", token: owner)
            let actions = Set(audit.json.array("items").compactMap { $0.string("action") })
            #expect(
                actions.isSuperset(of: [
                    "catalog.option_type_created", "catalog.option_value_added", "catalog.product_created",
                ]), "\(actions)")
            #expect(!actions.contains("catalog.category_created"), "refused writes leave no trace")
        }
    }
}
