import Foundation
import Testing

/// The back office beyond orders and catalog: stock, the books and settings, as an owner on a desktop.
extension DemoShopJourneys {
    @Test("staff write off a unit of stock, read the books down to an order, and start their two-factor set-up")
    func staffRunBackOffice() async throws {
        let server = try server
        try await withBrowserSession(windowWidth: 1400, windowHeight: 1000) { browser in
            try await browser.open(server.page("/admin/stock"))
            try await browser.waitForURL { $0.path == "/admin/login" }
            try await browser.type("owner@torv.demo", into: try await browser.find("#email"))
            try await browser.type("torv-demo-owner", into: try await browser.find("#password"))
            try await browser.click(try await browser.find("#sign-in"))
            try await browser.waitForURL { $0.path == "/admin/stock" }
            let locations = try await browser.findAll("#location-table tbody tr th a")
            #expect(locations.count > 0, "the demo has stock locations")
            try await browser.click(try #require(locations.first))
            try await browser.waitForURL { $0.path.hasPrefix("/admin/stock/locations/") }
            let firstLevel = try await browser.find("#location-levels tbody tr")
            let sku =
                try await browser.text(of: try await browser.find("th", in: firstLevel))
                .split(separator: " ").first.map(String.init) ?? ""
            let onHand = Int(try await browser.text(of: try await browser.find("td", in: firstLevel))) ?? -1
            #expect(!sku.isEmpty && onHand > 0)

            try await browser.type(sku, into: try await browser.find("#adjust-sku"))
            try await browser.type("-1", into: try await browser.find("#adjust-quantity"))
            try await browser.select(value: "write_off", in: try await browser.find("#adjust-reason"))
            try await browser.type("dropped in the browser test", into: try await browser.find("#adjust-note"))
            try await browser.click(try await browser.find("#adjust-submit"))
            try await browser.waitForURL { $0.query?.contains("done=adjusted") == true }
            #expect(try await browser.exists("#stock-notice"))
            let after = try await browser.find("#location-levels tbody tr")
            #expect(Int(try await browser.text(of: try await browser.find("td", in: after))) == onHand - 1)
            try await browser.saveScreenshot(named: "console-stock-location", in: Screenshots.directory)

            try await browser.open(server.page("/admin/finance/reports/trial-balance?currency=EUR&from=2020-01-01"))
            let accounts = try await browser.findAll("#report-table tbody tr th a")
            #expect(accounts.count > 0, "the demo's orders are in the books")
            #expect(try await browser.exists("#report-csv"))
            try await browser.saveScreenshot(named: "console-finance-trial-balance", in: Screenshots.directory)
            try await browser.open(server.page("/admin/finance/reports/balance-sheet"))
            #expect(try await browser.findAll("#report-figures li").count > 0)
            try await browser.saveScreenshot(named: "console-finance-balance-sheet", in: Screenshots.directory)

            try await browser.open(server.page("/admin/settings/two-factor"))
            try await browser.clickToNextPage(try await browser.find("#begin-submit"))
            let secret = try await browser.text(of: try await browser.find("#setup-secret"))
            #expect(secret.count >= 16, "the key for the authenticator app is shown")
            #expect(try await browser.exists("#totp-code"))
            try await browser.saveScreenshot(named: "console-two-factor", in: Screenshots.directory)
        }
    }
}
