import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inventory
import Persistence
import TestSupport
import Testing
import TorvCore

/// The console's stock pages: levels per location and per SKU, receipts, adjustments and transfers that
/// happen once, refusals beside the form, stock cards, and who may do what.
@Suite("Console stock pages")
struct ConsoleStockPagesTests {
    static func level(_ sku: String, at location: StockLocationID, on platform: Platform) async throws -> StockLevel? {
        try await platform.database.read { db in
            try await platform.inventory.stockLevels(of: sku, on: db).first { $0.locationID == location }
        }
    }

    @Test(
        "staff see a SKU's stock everywhere and a location's levels; a warehouse worker receives, adjusts and moves stock once",
        arguments: TestBackend.allCases)
    func levelsAndForms(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            let warehouseStock = try #require(try await Self.level("MUG", at: shop.warehouse, on: platform))
            let storeStock = try #require(try await Self.level("MUG", at: shop.store, on: platform))

            let overview = try await dock.get("/admin/stock?sku=MUG")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("href=\"/admin/stock\" aria-current=\"page\""), "the navigation marks Stock")
            #expect(
                overview.text.contains(
                    "<a href=\"/admin/stock/locations/\(shop.warehouse.rawValue)\">Warehouse</a></th><td>\(warehouseStock.onHand)</td><td>\(warehouseStock.reserved)</td><td>\(warehouseStock.available)</td>"
                ))
            #expect(overview.text.contains("Store</a></th><td>\(storeStock.onHand)</td>"))
            #expect(overview.text.contains("<td>Lund, SE</td><td>pick-up</td>"))
            #expect(try await dock.get("/admin/stock?sku=NOPE").text.contains("id=\"sku-empty\""))

            let store = "/admin/stock/locations/\(shop.store.rawValue)"
            let page = try await dock.get(store)
            #expect(page.status == .ok)
            #expect(page.text.contains("<th scope=\"row\">MUG</th><td>\(storeStock.onHand)</td>"))

            let key = ConsoleBrowser.randomKey()
            let received = try await dock.post(
                "\(store)/receive", [("sku", "MUG"), ("quantity", "5"), ("unit_cost", "3.50"), ("reference", "DN-7")],
                key: key)
            let again = try await dock.post(
                "\(store)/receive", [("sku", "MUG"), ("quantity", "5"), ("unit_cost", "3.50"), ("reference", "DN-7")],
                key: key)
            #expect(received.status == .seeOther && again.location == received.location)
            #expect(received.location == "\(store)?done=received")
            #expect(try await Self.level("MUG", at: shop.store, on: platform)?.onHand == storeStock.onHand + 5)

            let adjusted = try await dock.post(
                "\(store)/adjust", [("sku", "MUG"), ("quantity", "-2"), ("reason", "write_off"), ("note", "dropped")])
            #expect(adjusted.status == .seeOther)
            #expect(try await Self.level("MUG", at: shop.store, on: platform)?.onHand == storeStock.onHand + 3)

            let tooMany = try await dock.post(
                "\(store)/transfer",
                [("to", shop.warehouse.rawValue), ("sku", "MUG"), ("quantity", "\(storeStock.onHand + 4)")])
            #expect(tooMany.status == .conflict || tooMany.status == .unprocessableContent)
            #expect(tooMany.text.contains("id=\"transfer-error\""))
            #expect(
                tooMany.text.contains("id=\"transfer-quantity\" name=\"quantity\" value=\"\(storeStock.onHand + 4)\""))
            #expect(try await Self.level("MUG", at: shop.store, on: platform)?.onHand == storeStock.onHand + 3)

            let notNumber = try await dock.post("\(store)/adjust", [("sku", "MUG"), ("quantity", "a few")])
            #expect(notNumber.status == .unprocessableContent)
            #expect(notNumber.text.contains("id=\"adjust-error\">Quantity must be a whole number.<"))

            let moved = try await dock.post(
                "\(store)/transfer", [("to", shop.warehouse.rawValue), ("sku", "MUG"), ("quantity", "3")])
            #expect(moved.status == .seeOther)
            #expect(try await Self.level("MUG", at: shop.store, on: platform)?.onHand == storeStock.onHand)
            #expect(try await Self.level("MUG", at: shop.warehouse, on: platform)?.onHand == warehouseStock.onHand + 3)

            let card = try await dock.get("/admin/stock/movements?sku=MUG&location=\(shop.store.rawValue)")
            #expect(card.status == .ok)
            #expect(card.text.contains("<td>receipt</td><td>+5</td><td>\(storeStock.onHand + 5)</td><td>DN-7</td>"))
            #expect(card.text.contains("<td>write off</td><td>-2</td><td>\(storeStock.onHand + 3)</td>"))
            #expect(card.text.contains("<td>transfer out</td><td>-3</td><td>\(storeStock.onHand)</td>"))

            let violations = try await platform.database.read { db in
                try await platform.inventory.verifyInvariants(on: db)
            }
            #expect(violations.isEmpty, "movements still sum to on-hand stock")
        }
    }

    @Test(
        "staff without inventory permissions are refused; read-only staff see no forms; strangers sign in first",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let books = try await ConsoleBrowser.signIn(
                "books@shop.example", roles: ["accountant"], on: platform, client: client)
            let store = "/admin/stock/locations/\(shop.store.rawValue)"
            for path in ["/admin/stock", store, "/admin/stock/movements?sku=MUG"] {
                let refused = try await books.get(path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(!refused.text.contains("href=\"/admin/stock\""), "the navigation hides Stock")
            }
            let before = try await Self.level("MUG", at: shop.store, on: platform)
            #expect(try await books.post("\(store)/adjust", [("sku", "MUG"), ("quantity", "50")]).status == .forbidden)

            let buyer = try await ConsoleBrowser.signIn(
                "buyer@shop.example", roles: ["buyer"], on: platform, client: client)
            let readOnly = try await buyer.get(store)
            #expect(readOnly.status == .ok && readOnly.text.contains("<th scope=\"row\">MUG</th>"))
            #expect(!readOnly.text.contains("id=\"adjust-form\""), "no forms for staff who may only read stock")
            #expect(try await buyer.post("\(store)/adjust", [("sku", "MUG"), ("quantity", "50")]).status == .forbidden)
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            let forged = try await dock.post("\(store)/adjust", [("sku", "MUG"), ("quantity", "50")], withToken: false)
            #expect(forged.status == .forbidden)
            #expect(try await Self.level("MUG", at: shop.store, on: platform) == before)

            let stranger = ConsoleBrowser(client: client, session: nil)
            let redirected = try await stranger.get(store)
            #expect(redirected.status == .seeOther && redirected.location?.hasPrefix("/admin/login?next=") == true)
            #expect(try await dock.get("/admin/stock/locations/sloc_nothing").status == .notFound)
        }
    }
}
