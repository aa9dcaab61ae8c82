import Flows
import Foundation
import GiftCards
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Gift cards and store credit in the console: issuing (the code shown once), the list and a card's
/// history, disabling and enabling, and who may do what.
@Suite("Console gift card pages")
struct ConsoleGiftCardsPagesTests {
    static func money(_ minor: Int64) -> String {
        Money(minorUnits: minor, currency: .eur).formatted(locale: Locale(identifier: "en_IE"))
    }

    static func cards(on platform: Platform) async throws -> [GiftCard] {
        try await platform.database.read { db in try await platform.giftCards.cards(limit: 100, on: db) }
    }

    static func value(after marker: String, in html: String) -> String? {
        guard let start = html.range(of: marker) else { return nil }
        return html[start.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }

    @Test(
        "a card is issued once per form key with its code shown once, and the code spends the value",
        arguments: TestBackend.allCases)
    func issue(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)
            let empty = try await sam.get("/admin/gift-cards")
            #expect(empty.status == .ok && empty.text.contains("id=\"cards-empty\""))
            #expect(empty.text.contains("href=\"/admin/gift-cards\" aria-current=\"page\">Gift cards</a>"))

            let fields = [
                ("kind", "gift_card"), ("value", "25.00"), ("reason", "goodwill"), ("expires_on", "2031-12-31"),
                ("note", "Parcel arrived late"),
            ]
            let key = ConsoleBrowser.randomKey()
            let issued = try await sam.post("/admin/gift-cards", fields, key: key)
            #expect(issued.status == .created, "\(issued.text)")
            let code = try #require(Self.value(after: "id=\"issued-code\" class=\"secret\" value=\"", in: issued.text))
            let again = try await sam.post("/admin/gift-cards", fields, key: key)
            #expect(again.status == .seeOther)
            let cards = try await Self.cards(on: platform)
            #expect(cards.count == 1, "posted twice with one key, issued once")
            let card = try #require(cards.first)
            #expect(again.location == "/admin/gift-cards/\(card.id.rawValue)?done=issued")
            #expect(card.initialValue == Money(minorUnits: 2_500, currency: .eur) && card.reason == .goodwill)
            #expect(card.note == "Parcel arrived late" && card.expiresAt != nil)
            let found = try await platform.database.read { db in try await platform.giftCards.card(code: code, on: db) }
            #expect(found.id == card.id, "the code shown is the card's code")

            let page = try await sam.get(try #require(again.location))
            #expect(page.text.contains("id=\"card-notice\"") && !page.text.contains(code), "never shown again")
            #expect(page.text.contains("<dt>Balance</dt><dd>\(Self.money(2_500))</dd>"))
            #expect(page.text.contains("<td>Issued</td><td class=\"num\">\(Self.money(2_500))</td>"))
            let list = try await sam.get("/admin/gift-cards")
            #expect(list.text.contains(">…\(card.lastFour)</a></th><td>Gift card</td>"))
        }
    }

    @Test(
        "store credit needs a known customer; bad values and dates are refused beside the form, writing nothing",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await Fixture.customerToken("ada@example.com", on: platform)
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)
            for (fields, message) in [
                ([("value", "twelve")], "like 25.00"), ([("value", "0")], "issue-problem"),
                ([("value", "10.00"), ("expires_on", "2031-02-30")], "like 2027-12-31"),
                ([("value", "10.00"), ("kind", "store_credit")], "issue-problem"),
                (
                    [("value", "10.00"), ("kind", "store_credit"), ("customer", "nobody@example.com")],
                    "nobody@example.com"
                ),
            ] as [([(String, String)], String)] {
                let refused = try await sam.post("/admin/gift-cards", fields)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(refused.text.contains(message) && refused.text.contains("id=\"issue-problem\""), "\(fields)")
            }
            #expect(try await Self.cards(on: platform).isEmpty)

            let credit = try await sam.post(
                "/admin/gift-cards",
                [("value", "10.00"), ("kind", "store_credit"), ("customer", "ada@example.com"), ("reason", "goodwill")])
            #expect(credit.status == .created)
            let ada = try await platform.database.read { db in
                try await platform.identity.customer(email: "ada@example.com", on: db)
            }
            let card = try #require(try await Self.cards(on: platform).first)
            #expect(card.kind == .storeCredit && card.customerID == ada?.id.rawValue)
            let filtered = try await sam.get("/admin/gift-cards?customer=ada%40example.com&kind=store_credit")
            #expect(filtered.text.contains(">…\(card.lastFour)</a>"))
            let other = try await sam.get("/admin/gift-cards?kind=gift_card")
            #expect(other.text.contains("id=\"cards-empty\""))
        }
    }

    @Test(
        "a card is disabled once per form key with a reason and enabled again; readers see but do not change",
        arguments: TestBackend.allCases)
    func disable(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let sam = try await ConsoleBrowser.signIn(
                "sam@shop.example", roles: ["support"], on: platform, client: client)
            _ = try await sam.post("/admin/gift-cards", [("value", "40.00")])
            let card = try #require(try await Self.cards(on: platform).first)
            let path = "/admin/gift-cards/\(card.id.rawValue)"

            let unexplained = try await sam.post(path + "/status", [("status", "disabled"), ("reason", " ")])
            #expect(unexplained.status == .unprocessableContent && unexplained.text.contains("id=\"status-problem\""))
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let disabled = try await sam.post(
                    path + "/status", [("status", "disabled"), ("reason", "Reported stolen")], key: key)
                #expect(disabled.location == path + "?done=disabled")
            }
            #expect(try await Self.cards(on: platform).first?.status == .disabled)
            let audits = try await platform.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'gift_card.disabled'")
                    .first()?.decode(column: "n", as: Int.self)
            }
            #expect(audits == 1)
            let page = try await sam.get(path)
            #expect(
                page.text.contains("id=\"card-state\">Disabled</span>") && page.text.contains("Enable the card again"))
            let enabled = try await sam.post(path + "/status", [("status", "active"), ("reason", "Found again")])
            #expect(enabled.location == path + "?done=active")
            #expect(try await Self.cards(on: platform).first?.status == .active)

            let ann = try await ConsoleBrowser.signIn(
                "ann@shop.example", roles: ["accountant"], on: platform, client: client)
            let read = try await ann.get(path)
            #expect(read.status == .ok && !read.text.contains("id=\"card-status-form\""))
            #expect(!(try await ann.get("/admin/gift-cards")).text.contains("id=\"issue-form\""))
            #expect(
                try await ann.post(path + "/status", [("status", "disabled"), ("reason", "x")]).status == .forbidden)
            #expect(try await ann.post("/admin/gift-cards", [("value", "5.00")]).status == .forbidden)

            let max = try await ConsoleBrowser.signIn(
                "max@shop.example", roles: ["marketing"], on: platform, client: client)
            #expect(try await max.get("/admin/gift-cards").status == .forbidden)
            #expect(!(try await max.get("/admin/promotions")).text.contains("href=\"/admin/gift-cards\""))

            let forged = try await sam.post(
                path + "/status", [("status", "disabled"), ("reason", "x")], withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))
            let stranger = ConsoleBrowser(client: client, session: nil)
            #expect(try await stranger.get("/admin/gift-cards").location?.hasPrefix("/admin/login") == true)
            #expect(try await Self.cards(on: platform).first?.status == .active)
            #expect(try await Self.cards(on: platform).count == 1)
        }
    }
}
