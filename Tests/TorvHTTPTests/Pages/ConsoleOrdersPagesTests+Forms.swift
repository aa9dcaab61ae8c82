import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

extension ConsoleOrdersPagesTests {
    @Test(
        "fulfil, pick, pack and ship with tracking fulfil the order and show the tracking number",
        arguments: TestBackend.allCases)
    func fulfilAndShip(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let wes = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)
            let page = try await wes.get("/admin/orders/\(orderID)")
            #expect(page.text.contains("name=\"quantity_\(lineID)\""))
            #expect(page.text.contains("value=\"2\""), "every remaining unit is filled in")

            let created = try await wes.post("/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "2")])
            #expect(created.status == .seeOther, "\(created.text)")
            #expect(created.location == "/admin/orders/\(orderID)?done=fulfilment_created")
            let fulfilment = try #require(try await Self.fulfilments(of: orderID, on: platform).first)
            let base = "/admin/orders/\(orderID)/fulfilments/\(fulfilment.id.rawValue)"

            #expect(try await wes.post(base + "/pick").status == .seeOther)
            #expect(try await wes.post(base + "/pack").status == .seeOther)
            let bad = try await wes.post(base + "/ship", [("carrier", "PostNord"), ("tracking_number", "no")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Tracking number must be 4 to 64 letters, digits or hyphens"))
            #expect(bad.text.contains("value=\"PostNord\""), "what was typed stays in the form")
            #expect(try await Self.order(orderID, on: platform).status == .paid)

            let shipped = try await wes.post(
                base + "/ship", [("carrier", "PostNord"), ("tracking_number", "PN-12345-SE")])
            #expect(shipped.status == .seeOther, "\(shipped.text)")
            #expect(try await Self.order(orderID, on: platform).status == .fulfilled)
            let after = try await wes.get(try #require(shipped.location))
            #expect(after.text.contains("PN-12345-SE"))
            #expect(after.text.contains("Fulfilment shipped</span> <span class=\"small\">by Staff"), "staff by name")
            #expect(after.text.contains("was shipped"))
            #expect(after.text.contains("Fulfilled"))
        }
    }

    @Test("a double-submitted ship form ships once", arguments: TestBackend.allCases)
    func shipOnce(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let lineID = try #require(order.array("lines").first?.string("id"))
            let wes = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)

            // The fulfil form sent twice makes one fulfilment.
            let fulfilKey = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let response = try await wes.post(
                    "/admin/orders/\(orderID)/fulfilments", [("quantity_\(lineID)", "1")], key: fulfilKey)
                #expect(response.location == "/admin/orders/\(orderID)?done=fulfilment_created")
            }
            let fulfilment = try #require(try await Self.fulfilments(of: orderID, on: platform).only)
            let ship = "/admin/orders/\(orderID)/fulfilments/\(fulfilment.id.rawValue)/ship"
            let fields = [("carrier", "DHL"), ("tracking_number", "JD0001")]
            // A double click: the second post arrives while the first runs, and answers as the first did.
            let key = ConsoleBrowser.randomKey()
            async let racing = wes.post(ship, fields, key: key)
            let first = try await wes.post(ship, fields, key: key)
            let second = try await racing
            let third = try await wes.post(ship, fields, key: key)
            #expect(first.status == .seeOther && second.status == .seeOther && third.status == .seeOther)
            #expect(first.location == second.location && second.location == third.location)

            // Another tab's ship form (another key) is refused by the fulfilment's state, next to the form.
            let other = try await wes.post(ship, [("carrier", "DHL"), ("tracking_number", "JD0002")])
            #expect(other.status == .conflict)
            #expect(other.text.contains("form-error"))

            let shipments = try await Self.timeline(of: orderID, on: platform).filter {
                $0.kind == "fulfilment.shipped"
            }
            #expect(shipments.count == 1)
            let shipped = try #require(try await Self.fulfilments(of: orderID, on: platform).only)
            #expect(shipped.trackingNumber == "JD0001")
            #expect(try await Self.order(orderID, on: platform).lines.first?.shippedQuantity == 1)
            #expect(try await Self.order(orderID, on: platform).status == .partiallyFulfilled)
        }
    }

    @Test("cancelling and refunding work once and show in the timeline", arguments: TestBackend.allCases)
    func cancelAndRefund(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (shop, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let bea = try await Fixture.customerToken("bea@example.com", on: platform)
            let other = try await Sale.paidOrder(
                shop, token: bea, variant: shop.mug, quantity: 2, key: "o2", client: client)
            let otherID = try #require(other.string("id"))
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)

            let missingReason = try await sam.post("/admin/orders/\(orderID)/cancel", [("reason", " ")])
            #expect(missingReason.status == .unprocessableContent)
            #expect(missingReason.text.contains("Reason must not be empty"))
            #expect(try await Self.order(orderID, on: platform).status == .paid)

            let cancelled = try await sam.post(
                "/admin/orders/\(orderID)/cancel", [("reason", "Customer called: duplicate")])
            #expect(cancelled.location == "/admin/orders/\(orderID)?done=cancelled", "\(cancelled.text)")
            let gone = try await Self.order(orderID, on: platform)
            #expect(gone.status == .cancelled)
            #expect(gone.refundedTotal == gone.totals.grandTotal)
            let cancelledPage = try await sam.get(try #require(cancelled.location))
            #expect(cancelledPage.text.contains("Order cancelled: Customer called: duplicate"))
            #expect(
                !cancelledPage.text.contains("/admin/orders/\(orderID)/cancel\""), "no cancel form on a cancelled order"
            )

            let key = ConsoleBrowser.randomKey()
            let fields = [("amount", "5.00"), ("reason", "Goodwill for the late parcel")]
            let refunded = try await sam.post("/admin/orders/\(otherID)/refunds", fields, key: key)
            let again = try await sam.post("/admin/orders/\(otherID)/refunds", fields, key: key)
            #expect(refunded.location == "/admin/orders/\(otherID)?done=refunded", "\(refunded.text)")
            #expect(again.location == refunded.location)
            #expect(try await Self.order(otherID, on: platform).refundedTotal.amount == 500)
            let refundedPage = try await sam.get("/admin/orders/\(otherID)")
            #expect(refundedPage.text.contains("Goodwill for the late parcel"))
            #expect(refundedPage.text.contains("Refund of"))
        }
    }

    @Test("a bad refund amount is shown next to the form and changes nothing", arguments: TestBackend.allCases)
    func badRefund(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)

            for (amount, message) in [
                ("abc", "written like 12.50"), ("12.505", "written like 12.50"), ("-3", "written like 12.50"),
                ("0", "more than zero"), ("9999.00", "can still be refunded"),
            ] {
                let refused = try await sam.post(
                    "/admin/orders/\(orderID)/refunds", [("amount", amount), ("reason", "test")])
                #expect(refused.status == .unprocessableContent, "\(amount)")
                #expect(refused.text.contains(message), "\(amount): \(message)")
                #expect(refused.text.contains("id=\"refund-error\""))
                #expect(refused.text.contains("value=\"\(amount)\""), "what was typed stays in the field")
            }
            let unchanged = try await Self.order(orderID, on: platform)
            #expect(unchanged.refundedTotal.amount == 0)
            let payment = try #require(PaymentID(unchanged.paymentID ?? ""))
            let refunds = try await platform.database.read { db in
                try await platform.payments.refunds(of: payment, on: db)
            }
            #expect(refunds.isEmpty)
        }
    }

    @Test("a note sent twice is added once", arguments: TestBackend.allCases)
    func noteOnce(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let (_, order) = try await Self.paidOrder(env, platform, client: client)
            let orderID = try #require(order.string("id"))
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let response = try await sam.post(
                    "/admin/orders/\(orderID)/notes", [("text", "Gift wrap, please")], key: key)
                #expect(response.location == "/admin/orders/\(orderID)?done=noted")
            }
            let notes = try await Self.timeline(of: orderID, on: platform).filter { $0.kind == "order.note" }
            #expect(notes.count == 1)
            #expect(notes.first?.visibleToCustomer == false)
            let page = try await sam.get("/admin/orders/\(orderID)?done=noted")
            #expect(page.text.contains("Gift wrap, please"))
            #expect(page.text.contains("The note was added"))
        }
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
