import Foundation
import Testing

let browserSkipReason = ChromeDriverService.skipReason()

/// The journeys a new user makes on `torv demo`, in a real headless Chromium: as a shopper on a phone,
/// as an attacker's page, and as staff in the console. Each run saves screenshots of the key pages.
@Suite(
    "Journeys in a real browser on the demo shop", .serialized,
    .disabled(if: browserSkipReason != nil, Comment(rawValue: browserSkipReason ?? "")), .demoShop)
struct DemoShopJourneys {
    var server: DemoShopServer {
        get throws { try #require(DemoShopTrait.server, "the demo shop is started by the suite trait") }
    }

    @Test("a shopper on a phone searches, adds to the cart, checks out with the test card and sees the order")
    func shopperChecksOut() async throws {
        let server = try server
        try await withBrowserSession(mobile: true) { browser in
            try await browser.open(server.page("/"))
            try await browser.saveScreenshot(named: "storefront-home", in: Screenshots.directory)

            try await browser.type("shirt", into: try await browser.find("#search-q"))
            try await browser.pressEnter(in: try await browser.find("#search-q"))
            let count = try await browser.text(of: try await browser.find("#result-count"))
            #expect(count.hasSuffix("products") && !count.hasPrefix("0 "), "search results: \(count)")
            try await browser.clickToNextPage(try await browser.find(".product-tile a"))
            let title = try await browser.text(of: try await browser.find("#product-title"))
            #expect(title.localizedCaseInsensitiveContains("shirt"), "opened \(title)")
            try await browser.saveScreenshot(named: "storefront-product", in: Screenshots.directory)

            try await browser.click(try await browser.find("#add-to-cart"))
            try await browser.waitForURL { $0.path == "/cart" }
            #expect(try await browser.text(of: try await browser.find("#cart-count")) == "1")
            let cartTotal = try await browser.text(of: try await browser.find("#grand-total"))
            try await browser.saveScreenshot(named: "storefront-cart", in: Screenshots.directory)

            try await browser.clickToNextPage(try await browser.find("#go-to-checkout"))
            try await browser.type("shopper@example.com", into: try await browser.find("#email"))
            try await browser.type("Sam Shopper", into: try await browser.find("#name"))
            try await browser.type("Torstraße 1", into: try await browser.find("#line1"))
            try await browser.type("10119", into: try await browser.find("#postal_code"))
            try await browser.type("Berlin", into: try await browser.find("#city"))
            try await browser.select(value: "DE", in: try await browser.find("#country"))
            try await browser.clickToNextPage(try await browser.find("#save-address"))

            try await browser.click(try await browser.find("#delivery-options input[type=radio]"))
            try await browser.clickToNextPage(try await browser.find("#save-delivery"))
            let payButton = try await browser.find("#pay")
            let total = try await browser.text(of: try await browser.find("#checkout-total"))
            #expect(try await browser.text(of: payButton) == "Pay \(total)", "the button charges the total shown")
            try await browser.saveScreenshot(named: "storefront-checkout", in: Screenshots.directory)

            try await browser.type("4242 4242 4242 4242", into: try await browser.find("#card_number"))
            try await browser.click(payButton)
            try await browser.waitForURL { $0.path.hasPrefix("/orders/") }
            let number = try await browser.text(of: try await browser.find("#order-number"))
            #expect(number.hasPrefix("T-"))
            #expect(try await browser.text(of: try await browser.find("#order-status")).hasPrefix("Paid"))
            #expect(try await browser.text(of: try await browser.find("#order-total")) == total)
            #expect(!cartTotal.isEmpty)
            #expect(try await browser.text(of: try await browser.find("#cart-count")) == "0", "the cart was emptied")
            try await browser.saveScreenshot(named: "storefront-order", in: Screenshots.directory)
        }
    }

    @Test("a new customer registers from a group deal's page, joins with the test card and sees their seat")
    func shopperJoinsGroupDeal() async throws {
        let server = try server
        try await withBrowserSession(mobile: true) { browser in
            try await browser.open(server.page("/"))
            try await browser.clickToNextPage(try await browser.find(".offer-tile.deal a"))
            let before = Int(try await browser.text(of: try await browser.find("#deal-joined"))) ?? -1
            #expect(before >= 0)
            let invite = try await browser.value(of: try await browser.find("#invite-link"))
            #expect(invite.hasPrefix(server.url.absoluteString + "/deals/"), "invite link \(invite)")
            try await browser.clickToNextPage(try await browser.find("#sign-in-to-join"))

            try await browser.type("Dana Deal", into: try await browser.find("#register-name"))
            try await browser.type(
                "dana.\(UUID().uuidString.prefix(8))@example.com", into: try await browser.find("#register-email"))
            try await browser.type("a long enough password", into: try await browser.find("#register-password"))
            try await browser.click(try await browser.find("#register"))
            try await browser.waitForURL { $0.path.hasPrefix("/deals/") }
            #expect(try await browser.text(of: try await browser.find("#account-link")) == "Dana Deal")

            try await browser.type("4242 4242 4242 4242", into: try await browser.find("#deal-card"))
            try await browser.clickToNextPage(try await browser.find("#join-deal"))
            let seat = try await browser.text(of: try await browser.find("#seat-status"))
            #expect(seat.hasPrefix("You are in"), "\(seat)")
            #expect(Int(try await browser.text(of: try await browser.find("#deal-joined"))) == before + 1)
            #expect(try await browser.text(of: try await browser.find("#deal-log")).contains("D. D. joined"))
            try await browser.saveScreenshot(named: "storefront-group-deal", in: Screenshots.directory)
        }
    }

    @Test("a form posted from another site is refused and changes nothing")
    func crossSiteFormIsRefused() async throws {
        let server = try server
        // An attacker's page: a form that would put something into the visitor's cart on the shop.
        let attack = FileManager.default.temporaryDirectory.appendingPathComponent("torv-attack-\(UUID()).html")
        try """
        <!doctype html><html><head><meta charset="utf-8"><title>You won!</title></head><body>
        <form action="\(server.page("/cart/lines").absoluteString)" method="post">
        <input type="hidden" name="variant_id" value="var_anything"><input type="hidden" name="quantity" value="5">
        <input type="hidden" name="_form" value="000000000000000000000000000000000000000000000000">
        <button id="claim" type="submit">Claim your prize</button></form></body></html>
        """.write(to: attack, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: attack) }

        try await withBrowserSession { browser in
            try await browser.open(server.page("/"))
            try await browser.open(attack)
            try await browser.click(try await browser.find("#claim"))
            let heading = try await browser.text(of: try await browser.find("main h1"))
            #expect(heading == "This form could not be accepted")
            try await browser.saveScreenshot(named: "storefront-forged-form", in: Screenshots.directory)
            try await browser.open(server.page("/cart"))
            #expect(try await browser.exists("#cart-empty"), "the forged post put nothing in the cart")
        }
    }

    @Test("staff sign in to the console and see the dashboard with its charts")
    func staffSeesDashboard() async throws {
        let server = try server
        try await withBrowserSession(windowWidth: 1400, windowHeight: 1000) { browser in
            try await browser.open(server.page("/admin"))
            try await browser.waitForURL { $0.path == "/admin/login" }
            try await browser.type("owner@torv.demo", into: try await browser.find("#email"))
            try await browser.type("wrong password", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            #expect(try await browser.exists("#sign-in-problem"), "a wrong password is refused")

            try await browser.type("torv-demo-owner", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            try await browser.waitForURL { $0.path == "/admin" }
            #expect(try await browser.text(of: try await browser.find("#staff-name")) == "Olivia Owner")
            #expect(try await browser.findAll("figure.chart svg").count == 3)
            let figures = try await browser.findAll(".figure-value")
            #expect(figures.count == 5)
            try await browser.saveScreenshot(named: "console-dashboard", in: Screenshots.directory)
        }
    }

    @Test("staff find a paid order in the console and fulfil it: pick, pack, ship with tracking")
    func staffFulfilsOrder() async throws {
        let server = try server
        try await withBrowserSession(windowWidth: 1400, windowHeight: 1000) { browser in
            try await browser.open(server.page("/admin/orders?status=paid"))
            try await browser.type("owner@torv.demo", into: try await browser.find("#email"))
            try await browser.type("torv-demo-owner", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            try await browser.waitForURL { $0.path == "/admin/orders" }
            try await browser.saveScreenshot(named: "console-orders", in: Screenshots.directory)

            // The first paid order with the shop's own goods to send (marketplace sellers ship theirs).
            var links: [String] = []
            for link in try await browser.findAll("#orders-table a") {
                if let href = try await browser.attribute("href", of: link) { links.append(href) }
            }
            var opened = false
            for href in links.prefix(15) {
                try await browser.open(server.page(href))
                if try await browser.exists(".fulfil-form") {
                    opened = true
                    break
                }
            }
            try #require(opened, "a paid order with the shop's goods to fulfil among \(links.count)")
            try await browser.clickToNextPage(try await browser.find(".fulfil-form button[type=submit]"))
            try await browser.clickToNextPage(try await browser.find(".step-form button[type=submit]"))  // picked
            try await browser.clickToNextPage(try await browser.find(".step-form button[type=submit]"))  // packed
            try await browser.type("DHL", into: try await browser.find(".ship-form input[name=carrier]"))
            try await browser.type(
                "JD014600003", into: try await browser.find(".ship-form input[name=tracking_number]"))
            try await browser.clickToNextPage(try await browser.find(".ship-form button[type=submit]"))
            #expect(try await browser.text(of: try await browser.find(".tracking-number")) == "JD014600003")
            let status = try await browser.text(of: try await browser.find("#order-status"))
            #expect(status == "Fulfilled" || status == "Partly fulfilled", "\(status)")
            try await browser.saveScreenshot(named: "console-order-shipped", in: Screenshots.directory)
        }
    }

    @Test("staff import a CSV with an error and see the error")
    func staffSeeImportError() async throws {
        let server = try server
        try await withBrowserSession(windowWidth: 1400, windowHeight: 1000) { browser in
            try await browser.open(server.page("/admin/catalog/import"))
            try await browser.waitForURL { $0.path == "/admin/login" }
            try await browser.type("owner@torv.demo", into: try await browser.find("#email"))
            try await browser.type("torv-demo-owner", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            try await browser.waitForURL { $0.path == "/admin/catalog/import" }
            #expect(
                try await browser.isDisplayed(try await browser.find("#import-file")),
                "the script offers a file picker")

            let csv = [
                "handle,title,status,sku,channel,currency,price",
                "journey-desk-lamp,Desk Lamp,draft,JOURNEY-LAMP,web,EUR,39.00",
                "journey-glass-vase,Glass Vase,draft,JOURNEY-VASE,web,EUR,twelve",
            ].joined(separator: "\n")
            try await browser.type(csv, into: try await browser.find("#import-csv"))
            try await browser.click(try await browser.find("#import-check"))
            let heading = try await browser.text(of: try await browser.find("#check-result h2"))
            #expect(heading == "The file has 1 problem", "\(heading)")
            let cells = try await browser.findAll("#problem-table tbody tr > *")
            #expect(try await browser.text(of: cells[0]) == "3", "the bad row's line")
            #expect(try await browser.text(of: cells[1]) == "price", "the bad row's column")
            #expect(try await browser.value(of: try await browser.find("#import-csv")).contains("twelve"))
            try await browser.saveScreenshot(named: "console-import-error", in: Screenshots.directory)
        }
    }

    @Test("staff find a product in the catalog and see its prices, the 30-day lowest price and the history")
    func staffBrowseCatalog() async throws {
        let server = try server
        try await withBrowserSession(windowWidth: 1400, windowHeight: 1000) { browser in
            try await browser.open(server.page("/admin/catalog"))
            try await browser.waitForURL { $0.path == "/admin/login" }
            try await browser.type("owner@torv.demo", into: try await browser.find("#email"))
            try await browser.type("torv-demo-owner", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            try await browser.waitForURL { $0.path == "/admin/catalog" }
            #expect(try await browser.findAll("#product-table tbody tr").count == 25, "a full first page")
            #expect(try await browser.exists("#next-page"))
            try await browser.saveScreenshot(named: "console-catalog", in: Screenshots.directory)

            try await browser.type("linen shirt", into: try await browser.find("#catalog-q"))
            try await browser.clickToNextPage(try await browser.find("#catalog-filter"))
            let found = try await browser.findAll("#product-table tbody tr th a")
            #expect(!found.isEmpty, "the search finds the linen shirts")
            try await browser.click(try #require(found.first))
            try await browser.waitForURL { $0.path.hasPrefix("/admin/catalog/products/") }
            #expect(try await browser.text(of: try await browser.find("#product-name")).contains("Linen Shirt"))
            #expect(try await browser.findAll("#shopper-price-table tbody tr").count > 0)
            #expect(try await browser.findAll("#history-table tbody tr").count > 0)
            #expect(try await browser.findAll("#stock-table tbody tr").count > 0)
            try await browser.saveScreenshot(named: "console-product", in: Screenshots.directory)
        }
    }
}
