import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Inventory over HTTP")
struct InventoryHTTPTests {
    static var warehouseAddress: [String: Any] {
        [
            "line1": "Dock 4", "city": "Malmö", "postal_code": "211 20", "country": "SE",
        ]
    }

    static func post(
        _ uri: String, _ body: [String: Any], token: String, key: String? = nil, client: some TestClientProtocol
    ) async throws -> TestResponse {
        var headers = Fixture.bearer(token)
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: Fixture.json(body))
    }

    @Test(
        "warehouse staff receive, adjust, transfer and count; the journal explains every unit",
        arguments: TestBackend.allCases)
    func stockRoundTrip(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)

            let created = try await Self.post(
                "/v1/admin/inventory/locations",
                ["kind": "warehouse", "name": "Malmö DC", "address": Self.warehouseAddress, "priority": 1],
                token: dock, key: "loc-1", client: client)
            #expect(created.status == .created, "\(created.text)")
            let main = try #require(created.json.string("id"))
            let store = try await Self.post(
                "/v1/admin/inventory/locations",
                [
                    "kind": "store", "name": "Lund store", "address": Self.warehouseAddress, "offers_pickup": true,
                    "priority": 2,
                ], token: dock, key: "loc-2", client: client)
            let lund = try #require(store.json.string("id"))

            let receipt = ["location_id": main, "lines": [["sku": "TEE-S", "quantity": 40]], "reference": "PO-1"]
            let received = try await Self.post(
                "/v1/admin/inventory/receipts", receipt, token: dock, key: "rcpt-1", client: client)
            #expect(received.status == .created, "\(received.text)")
            // A retried receipt with the same key books nothing twice.
            let retried = try await Self.post(
                "/v1/admin/inventory/receipts", receipt, token: dock, key: "rcpt-1", client: client)
            #expect(retried.status == .created)

            let writeOff = try await Self.post(
                "/v1/admin/inventory/adjustments",
                ["sku": "TEE-S", "location_id": main, "quantity": -3, "reason": "write_off", "note": "torn"],
                token: dock, key: "adj-1", client: client)
            #expect(writeOff.status == .created, "\(writeOff.text)")
            #expect(writeOff.json["on_hand_after"] as? Int == 37)

            let moved = try await Self.post(
                "/v1/admin/inventory/transfers",
                ["from": main, "to": lund, "lines": [["sku": "TEE-S", "quantity": 7]]], token: dock, key: "tr-1",
                client: client)
            #expect(moved.status == .created, "\(moved.text)")
            #expect(moved.json.array("items").count == 2)

            let counted = try await Self.post(
                "/v1/admin/inventory/counts", ["location_id": lund, "lines": [["sku": "TEE-S", "counted": 6]]],
                token: dock, key: "cnt-1", client: client)
            #expect(counted.status == .created, "\(counted.text)")
            #expect(counted.json.array("items").first?["difference"] as? Int == -1)

            let levels = try await client.execute(
                uri: "/v1/admin/inventory/levels?sku=TEE-S", method: .get, headers: Fixture.bearer(dock))
            let onHand = levels.json.array("items").reduce(into: [String: Int]()) {
                $0[$1.string("location_id") ?? ""] = $1["on_hand"] as? Int
            }
            #expect(onHand == [main: 30, lund: 6])

            let firstPage = try await client.execute(
                uri: "/v1/admin/inventory/movements?sku=TEE-S&limit=2", method: .get, headers: Fixture.bearer(dock))
            #expect(firstPage.json.array("items").compactMap { $0.string("reason") } == ["receipt", "write_off"])
            let next = try #require(firstPage.json.string("next"))
            let rest = try await client.execute(
                uri: "/v1/admin/inventory/movements?sku=TEE-S&after=\(next)", method: .get,
                headers: Fixture.bearer(dock))
            #expect(
                rest.json.array("items").compactMap { $0.string("reason") } == ["transfer_out", "transfer_in", "count"])

            let audit = try await client.execute(
                uri: "/v1/admin/inventory/audit", method: .get, headers: Fixture.bearer(dock))
            #expect(audit.status == .ok)
            #expect(audit.json.array("violations").isEmpty)
            _ = env
        }
    }

    @Test("bad stock input is refused with field paths and writes nothing", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.staff("dock@shop.example", roles: ["warehouse"], on: platform)
            _ = try await Fixture.staff("help@shop.example", roles: ["support"], on: platform)
            let dock = try await Fixture.staffToken("dock@shop.example", client: client)
            let help = try await Fixture.staffToken("help@shop.example", client: client)

            let denied = try await Self.post(
                "/v1/admin/inventory/receipts", ["location_id": "loc_x", "lines": []], token: help, client: client)
            #expect(denied.status == .forbidden)
            let deniedRead = try await client.execute(
                uri: "/v1/admin/inventory/levels?sku=TEE-S", method: .get, headers: Fixture.bearer(help))
            #expect(deniedRead.status == .forbidden)

            let malformed = try await Self.post(
                "/v1/admin/inventory/receipts",
                ["location_id": "ord_nope", "lines": [["sku": "TEE-S", "quantity": 0]]], token: dock, client: client)
            #expect(malformed.status == .badRequest)
            #expect(malformed.json.array("errors").compactMap { $0.string("pointer") } == ["/location_id"])

            let created = try await Self.post(
                "/v1/admin/inventory/locations",
                ["kind": "warehouse", "name": "DC", "address": Self.warehouseAddress], token: dock, client: client)
            let location = try #require(created.json.string("id"))
            let zero = try await Self.post(
                "/v1/admin/inventory/receipts",
                ["location_id": location, "lines": [["sku": "TEE-S", "quantity": 5], ["sku": "", "quantity": 0]]],
                token: dock, client: client)
            #expect(zero.status == .badRequest)
            let pointers = Set(zero.json.array("errors").compactMap { $0.string("pointer") })
            #expect(pointers.contains("/lines/1/sku"))
            #expect(pointers.contains("/lines/1/quantity"))

            let tooMuch = try await Self.post(
                "/v1/admin/inventory/adjustments",
                ["sku": "TEE-S", "location_id": location, "quantity": -1, "reason": "correction"], token: dock,
                client: client)
            #expect(tooMuch.status.code >= 400 && tooMuch.status.code < 500, "\(tooMuch.text)")

            let preorderWithoutDate = try await client.execute(
                uri: "/v1/admin/inventory/policies/TEE-S", method: .put, headers: Fixture.bearer(dock),
                body: Fixture.json(["when_out_of_stock": "preorder"]))
            #expect(preorderWithoutDate.status == .badRequest)
            #expect(preorderWithoutDate.json.array("errors").first?.string("pointer") == "/available_from")

            let levels = try await client.execute(
                uri: "/v1/admin/inventory/levels?sku=TEE-S", method: .get, headers: Fixture.bearer(dock))
            #expect(levels.json.array("items").isEmpty)
            let both = try await client.execute(
                uri: "/v1/admin/inventory/levels?sku=TEE-S&location_id=\(location)", method: .get,
                headers: Fixture.bearer(dock))
            #expect(both.status == .badRequest)
        }
    }

    @Test("the storefront's in-stock filter follows Inventory, backorders included", arguments: TestBackend.allCases)
    func inStockFilter(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let owner = try await Fixture.staffToken("owner@shop.example", client: client)
            let csv = """
                \(CatalogHTTPTests.header)
                tee,Organic Tee,Soft cotton,Nord,published,Clothing,standard,,web,Size,S,TEE-S,web,EUR,19.99
                mug,Mug,Stoneware,Nord,published,Kitchen,standard,,web,,,MUG,web,EUR,9.00
                cap,Cap,Wool,Nord,published,Clothing,standard,,web,,,CAP,web,EUR,15.00

                """
            let imported = try await CatalogHTTPTests.importCSV(csv, dryRun: false, token: owner, client: client)
            #expect(imported.status == .ok, "\(imported.text)")
            env.clock.advance(by: 60)

            let created = try await Self.post(
                "/v1/admin/inventory/locations",
                ["kind": "warehouse", "name": "DC", "address": Self.warehouseAddress], token: owner, client: client)
            let location = try #require(created.json.string("id"))
            _ = try await Self.post(
                "/v1/admin/inventory/receipts", ["location_id": location, "lines": [["sku": "TEE-S", "quantity": 2]]],
                token: owner, client: client)
            let policy = try await client.execute(
                uri: "/v1/admin/inventory/policies/CAP", method: .put, headers: Fixture.bearer(owner),
                body: Fixture.json(["when_out_of_stock": "backorder", "limit": 10]))
            #expect(policy.status == .ok, "\(policy.text)")
            #expect(policy.json["limit"] as? Int == 10)

            let all = try await client.execute(uri: "/v1/store/products?sort=title", method: .get)
            #expect(all.json.array("items").compactMap { $0.string("slug") } == ["cap", "mug", "tee"])
            let inStock = try await client.execute(uri: "/v1/store/products?sort=title&in_stock=true", method: .get)
            #expect(inStock.json.array("items").compactMap { $0.string("slug") } == ["cap", "tee"])

            let clothing = try await client.execute(
                uri: "/v1/store/products?sort=title&attribute=nonexistent:x", method: .get)
            #expect(clothing.json.array("items").isEmpty)
            let malformed = try await client.execute(uri: "/v1/store/products?attribute=colour", method: .get)
            #expect(malformed.status == .badRequest)
        }
    }
}

@Suite("Demo pictures")
struct DemoPictureTests {
    @Test("a product handle draws a picture; anything else is 404")
    func pictures() async throws {
        try await withTestApp(on: .sqlite) { _, _, client in
            let picture = try await client.execute(uri: "/media/demo/nordic-tee.svg", method: .get)
            #expect(picture.status == .ok)
            #expect(picture.headers[.contentType] == "image/svg+xml")
            #expect(picture.text.contains("Nordic Tee"))
            let again = try await client.execute(uri: "/media/demo/nordic-tee.svg", method: .get)
            #expect(again.text == picture.text)
            #expect(try await client.execute(uri: "/media/demo/%3Cscript%3E.svg", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/media/demo/nordic-tee.png", method: .get).status == .notFound)
        }
    }
}
