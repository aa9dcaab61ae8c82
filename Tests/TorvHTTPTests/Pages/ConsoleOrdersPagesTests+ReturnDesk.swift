import Catalog
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Orders
import Persistence
import TestSupport
import Testing
import TorvCore

/// The returns desk: the queue of returns, the inspection that puts goods back on the shelf or writes
/// them off, and an exchange paid with the return's value.
extension ConsoleOrdersPagesTests {
    /// A delivered order of `quantity` units of `variant` and a return of all of them, requested by the
    /// customer through the API and approved from the console.
    static func approvedReturn(
        _ shop: TestShop, variant: VariantID, quantity: Int, owner: ConsoleBrowser, customer: String,
        on platform: Platform, client: some TestClientProtocol
    ) async throws -> (orderID: String, returnID: String) {
        let order = try await Sale.paidOrder(
            shop, token: customer, variant: variant, quantity: quantity, key: "o-\(UUID())", client: client)
        let orderID = try #require(order.string("id"))
        let lineID = try #require(order.array("lines").first?.string("id"))
        _ = try await owner.post("/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "\(quantity)")])
        let fulfilment = try #require(try await Self.fulfilments(of: orderID, on: platform).only)
        let base = "/admin/orders/\(orderID)/fulfilments/\(fulfilment.id.rawValue)"
        _ = try await owner.post(base + "/ship", [("carrier", "PostNord"), ("tracking_number", "PN1SE")])
        _ = try await owner.post(base + "/deliver")
        let requested = try await client.execute(
            uri: "/v1/store/orders/\(orderID)/returns", method: .post,
            headers: CheckoutHTTPTests.headers(token: customer, key: "r-\(UUID())"),
            body: Fixture.json(["lines": [["line_id": lineID, "quantity": quantity, "reason": "too small"]]]))
        let returnID = try #require(requested.json.string("id"), "\(requested.text)")
        let approved = try await owner.post("/admin/orders/\(orderID)/returns/\(returnID)/approve")
        #expect(approved.status == .seeOther, "\(approved.text)")
        return (orderID, returnID)
    }

    static func orderReturn(_ id: String, on platform: Platform) async throws -> OrderReturn {
        try await platform.database.read { db in
            try await platform.orders.orderReturn(try #require(ReturnID(id)), on: db)
        }
    }

    static func onHand(_ sku: String, at location: StockLocationID, on platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await platform.inventory.stockLevel(of: sku, at: location, on: db).onHand
        }
    }

    @Test(
        "the returns queue lists returns by state; an inspection restocks at the chosen location once",
        arguments: TestBackend.allCases)
    func inspectFromQueue(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            #expect(try await owner.get("/admin/returns").text.contains("id=\"returns-empty\""))
            let (orderID, returnID) = try await Self.approvedReturn(
                shop, variant: shop.teeS, quantity: 2, owner: owner, customer: ada, on: platform, client: client)
            let number = try await Self.orderReturn(returnID, on: platform).number
            let orderNumber = try await Self.order(orderID, on: platform).number

            let queue = try await owner.get("/admin/returns?status=approved")
            #expect(queue.status == .ok)
            #expect(
                queue.text.contains(
                    "<a href=\"/admin/orders/\(orderID)#return-\(returnID)\">\(number)</a></th><td>\(orderNumber)</td>"
                        + "<td>ada@example.com</td><td class=\"num\">2</td><td>too small</td>"))
            let refunded = try await owner.get("/admin/returns?status=refunded")
            #expect(refunded.text.contains("id=\"returns-empty\"") && !refunded.text.contains(number))
            #expect(try await owner.get("/admin/orders").text.contains("href=\"/admin/returns\""))

            let path = "/admin/orders/\(orderID)/returns/\(returnID)"
            #expect(try await owner.post(path + "/receive").status == .seeOther)
            let page = try await owner.get("/admin/orders/\(orderID)")
            #expect(page.text.contains("action=\"\(path)/inspect\""))
            #expect(page.text.contains("<option value=\"\(shop.warehouse.rawValue)\""), "where to restock")

            let before = try await Self.onHand("TEE-S", at: shop.warehouse, on: platform)
            let line = try #require(try await Self.orderReturn(returnID, on: platform).lines.first)
            let fields = [("outcome_\(line.lineID.rawValue)", "restock"), ("location_id", shop.warehouse.rawValue)]
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let inspected = try await owner.post(path + "/inspect", fields, key: key)
                #expect(inspected.location == "/admin/orders/\(orderID)?done=return_inspected", "\(inspected.text)")
            }
            #expect(try await Self.onHand("TEE-S", at: shop.warehouse, on: platform) == before + 2)
            let inspected = try await Self.orderReturn(returnID, on: platform)
            #expect(inspected.status == .inspected && inspected.lines.first?.outcome == .restock)
            #expect(!(try await owner.get("/admin/orders/\(orderID)")).text.contains("action=\"\(path)/inspect\""))

            // The books are not the returns desk: no queue for an accountant.
            let ann = try await ConsoleBrowser.signIn(
                "ann@shop.example", roles: ["accountant"], on: platform, client: client)
            #expect(try await ann.get("/admin/returns").status == .forbidden)
        }
    }

    @Test(
        "an exchange is placed once, paid with the return's value; a dearer or unknown item is refused beside the form",
        arguments: TestBackend.allCases)
    func exchange(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let ada = try await Fixture.customerToken("ada@example.com", on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "owner@shop.example", roles: ["owner"], on: platform, client: client)
            let (orderID, returnID) = try await Self.approvedReturn(
                shop, variant: shop.teeS, quantity: 1, owner: owner, customer: ada, on: platform, client: client)
            let path = "/admin/orders/\(orderID)/returns/\(returnID)"

            let page = try await owner.get("/admin/orders/\(orderID)")
            #expect(page.text.contains("action=\"\(path)/exchange\""))
            #expect(page.text.contains("name=\"exchange_sku_0\" value=\"TEE-S\""), "filled with what came back")

            // TEE-M costs 21.50, more than the 19.99 the return is worth.
            let dearer = try await owner.post(
                path + "/exchange", [("exchange_sku_0", "TEE-M"), ("exchange_quantity_0", "1")])
            #expect(dearer.status == .unprocessableContent, "\(dearer.text)")
            #expect(dearer.text.contains("role=\"alert\"") && dearer.text.contains("value=\"TEE-M\""))
            let unknown = try await owner.post(
                path + "/exchange", [("exchange_sku_0", "NO-SUCH-SKU"), ("exchange_quantity_0", "1")])
            #expect(
                unknown.status == .unprocessableContent && unknown.text.contains("No item has the SKU NO-SUCH-SKU."))
            let nothing = try await owner.post(
                path + "/exchange", [("exchange_sku_0", "TEE-S"), ("exchange_quantity_0", "0")])
            #expect(nothing.status == .unprocessableContent)
            #expect(try await Self.orderReturn(returnID, on: platform).exchangeOrderID == nil)

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let exchanged = try await owner.post(
                    path + "/exchange", [("exchange_sku_0", "TEE-S"), ("exchange_quantity_0", "1")], key: key)
                #expect(exchanged.location == "/admin/orders/\(orderID)?done=return_exchanged", "\(exchanged.text)")
            }
            let linked = try #require(try await Self.orderReturn(returnID, on: platform).exchangeOrderID)
            let exchangeOrder = try await Self.order(linked.rawValue, on: platform)
            #expect(exchangeOrder.lines.map(\.sku) == ["TEE-S"] && exchangeOrder.status == .paid)
            let after = try await owner.get("/admin/orders/\(orderID)")
            #expect(after.text.contains("href=\"/admin/orders/\(linked.rawValue)\">see the exchange order</a>"))
            #expect(!after.text.contains("action=\"\(path)/exchange\""), "one exchange per return")

            // Exchanging is a returns task: an accountant may not.
            let ann = try await ConsoleBrowser.signIn(
                "ann@shop.example", roles: ["accountant"], on: platform, client: client)
            let refused = try await ann.post(
                path + "/exchange", [("exchange_sku_0", "TEE-S"), ("exchange_quantity_0", "1")])
            #expect(refused.status == .forbidden)
        }
    }
}
