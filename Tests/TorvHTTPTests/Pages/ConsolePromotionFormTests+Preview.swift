import Checkout
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Promotions
import TestSupport
import Testing
import TorvCore

@testable import TorvHTTP

extension ConsolePromotionFormTests {
    @Test(
        "a cart is priced at a chosen moment with the promotions that apply and why the others do not",
        arguments: TestBackend.allCases)
    func preview(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let now = platform.clock.now()
            let later = try await ConsolePromotionsPagesTests.promotion(
                "Later", conditions: [.window(from: now.addingTimeInterval(7 * 86_400), until: nil)], on: platform)
            let big = try await ConsolePromotionsPagesTests.promotion(
                "Big spenders", action: .amountOffOrder(ConsolePromotionsPagesTests.euros(1_000)),
                conditions: [.minimumSubtotal(ConsolePromotionsPagesTests.euros(100_000))], on: platform)
            let made = try await ShoppingCarts.create(channel: "web", currency: .eur, customer: nil, on: platform)
            _ = try await ShoppingCarts.addLine(
                variant: shop.mug.rawValue, quantity: 2, to: made.cart.id,
                access: .guest(token: try #require(made.guestToken)), on: platform)
            // Support reads promotions, so it may preview them.
            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let list = try await support.get("/admin/promotions")
            #expect(list.text.contains("href=\"/admin/promotions/preview\" id=\"promotion-preview\""))

            let cart = made.cart.id.rawValue
            let today = try await support.get("/admin/promotions/preview?cart=\(cart)")
            #expect(today.status == .ok, "\(today.text)")
            #expect(today.text.contains("id=\"preview-none-applied\""), "\(today.text)")
            #expect(today.text.contains("<a href=\"/admin/promotions/\(big.id)\">Big spenders label</a>: "))
            #expect(today.text.contains("<a href=\"/admin/promotions/\(later.id)\">Later label</a>: "))

            let inTenDays = PromotionRuleForm.localTime(
                now.addingTimeInterval(10 * 86_400), in: TimeZone(identifier: "Europe/Berlin") ?? .gmt)
            let future = try await support.get("/admin/promotions/preview?cart=\(cart)&at=\(inTenDays)")
            #expect(future.status == .ok)
            // 10 % off two mugs at 9.00.
            #expect(
                future.text.contains(
                    "<li><a href=\"/admin/promotions/\(later.id)\">Later label</a>: "
                        + "\(ConsolePromotionsPagesTests.money(180)) off</li>"), "\(future.text)")
            #expect(future.text.contains("<dt>Discount</dt><dd>\(ConsolePromotionsPagesTests.money(180))</dd>"))

            let unknown = try await support.get("/admin/promotions/preview?cart=cart_nothing")
            #expect(unknown.status == .unprocessableContent && unknown.text.contains("id=\"preview-error\""))
            let badMoment = try await support.get("/admin/promotions/preview?cart=\(cart)&at=soon")
            #expect(badMoment.status == .unprocessableContent)
            #expect(badMoment.text.contains("The moment must be a date and time"))
            let warehouse = try await ConsoleBrowser.signIn(
                "wes@shop.example", roles: ["warehouse"], on: platform, client: client)
            #expect(try await warehouse.get("/admin/promotions/preview?cart=\(cart)").status == .forbidden)
        }
    }
}
