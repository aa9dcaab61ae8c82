import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import Reviews
import Sellers
import TestSupport
import Testing
import TorvCore

extension ConsoleMarketplacePagesTests {
    static func productReview(_ title: String, product: String, on platform: Platform) async throws -> Review {
        try await platform.database.inTransaction { db in
            try await platform.reviews.submit(
                ReviewDraft(rating: 4, title: title, body: "Holds a big cup of tea."),
                for: VerifiedPurchase(
                    productID: product, orderID: "ord_\(title.count)", orderLineID: "line_\(title)",
                    customerID: "cus_anna", authorName: "Anna K."), on: db)
        }
    }

    static func sellerReview(of seller: SellerID, on platform: Platform) async throws -> SellerReview {
        try await platform.database.inTransaction { db in
            try await platform.reviews.submit(
                SellerReviewDraft(rating: 2, body: "Shipped a week late."),
                for: SellerPurchase(
                    sellerID: seller.rawValue, subOrderID: "sub_1", orderID: "ord_1", customerID: "cus_bo",
                    authorName: "Bo L."), on: db)
        }
    }

    static func reviewStatus(_ id: ReviewID, on platform: Platform) async throws -> ReviewStatus {
        try await platform.database.read { db in try await platform.reviews.review(id, on: db).status }
    }

    @Test(
        "the moderation queue shows waiting reviews; publish and reject with a reason act once; readers only read",
        arguments: TestBackend.allCases)
    func moderation(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            _ = try await TestShop.seed(on: platform)
            let mugProduct = try await ConsoleCatalogPagesTests.productID(sku: "MUG", on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let lovely = try await Self.productReview("Lovely mug", product: mugProduct.rawValue, on: platform)
            let rude = try await Self.productReview("Rude words", product: mugProduct.rawValue, on: platform)
            let late = try await Self.sellerReview(of: nordic, on: platform)
            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)

            let queue = try await moderator.get("/admin/marketplace/moderation")
            #expect(queue.status == .ok, "\(queue.text)")
            #expect(queue.text.contains("<strong>Lovely mug</strong>") && queue.text.contains("★★★★☆ 4 of 5"))
            #expect(
                queue.text.contains("Product Stoneware Mug:"), "by title; no link for a moderator without the catalog")
            #expect(
                queue.text.contains(
                    "Seller <a href=\"/admin/marketplace/sellers/\(nordic.rawValue)\">Nordic Ceramics</a>"))
            #expect(
                queue.text.contains("Shipped a week late.")
                    && queue.text.contains("id=\"publish-\(lovely.id.rawValue)\""))

            let path = "/admin/marketplace/moderation/reviews/"
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let published = try await moderator.post(path + lovely.id.rawValue, [("decision", "publish")], key: key)
                #expect(
                    published.status == .seeOther
                        && published.location == "/admin/marketplace/moderation?done=published")
            }
            #expect(try await Self.reviewStatus(lovely.id, on: platform) == .published)

            let unexplained = try await moderator.post(
                path + rude.id.rawValue, [("decision", "reject"), ("reason", "")])
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.text.contains("id=\"problem-\(rude.id.rawValue)\""))
            #expect(try await Self.reviewStatus(rude.id, on: platform) == .pending)
            let rejected = try await moderator.post(
                path + rude.id.rawValue, [("decision", "reject"), ("reason", "Offensive language")])
            #expect(rejected.status == .seeOther)
            #expect(try await Self.reviewStatus(rude.id, on: platform) == .rejected)
            let again = try await moderator.post(path + rude.id.rawValue, [("decision", "publish")])
            #expect(again.status == .conflict, "a decided review stays decided")

            let sellerPublished = try await moderator.post(
                "/admin/marketplace/moderation/seller-reviews/\(late.id.rawValue)", [("decision", "publish")])
            #expect(sellerPublished.status == .seeOther)
            let after = try await moderator.get("/admin/marketplace/moderation?done=published")
            #expect(
                after.text.contains("id=\"product-reviews-empty\"")
                    && after.text.contains("id=\"seller-reviews-empty\""))
            #expect(after.text.contains("The review was published."))

            // The marketplace role reads sellers but not reviews.
            let market = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            #expect(try await market.get("/admin/marketplace/moderation").status == .forbidden)
            let refused = try await market.post(path + rude.id.rawValue, [("decision", "publish")])
            #expect(refused.status == .forbidden)
            let forged = try await moderator.post(path + rude.id.rawValue, [("decision", "publish")], withToken: false)
            #expect(forged.status == .forbidden)
        }
    }

    @Test(
        "a reported offer's case shows the report and the seller's answer; taking it down acts once and pauses the offer",
        arguments: TestBackend.allCases)
    func cases(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let offer = try await TestMarketplace.offer(
                shop.mug.rawValue, by: nordic, price: 1_250, quantity: 4, on: platform)
            let reported = try await platform.database.inTransaction { db in
                try await platform.sellers.report(
                    CaseReport(
                        offerID: offer.id, reason: .counterfeit, reporter: .rightsOwner,
                        reporterContact: "legal@brand.example", description: "Not our stoneware; fake logo."),
                    on: db)
            }
            _ = try await platform.database.inTransaction { db in
                try await platform.sellers.respond(
                    to: reported.id, of: nordic, response: "Bought from the brand's wholesaler; invoice attached.",
                    by: TestMarketplace.actor, on: db)
            }
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)

            let list = try await owner.get("/admin/marketplace/cases")
            #expect(list.status == .ok, "\(list.text)")
            #expect(list.text.contains("Counterfeit, reported") && list.text.contains("Awaiting decision"))
            #expect(list.text.contains("Not our stoneware; fake logo."))
            #expect(list.text.contains("Bought from the brand") && list.text.contains("invoice attached."))
            #expect(list.text.contains("id=\"take-down-\(reported.id.rawValue)\""))
            let open = try await owner.get("/admin/marketplace/cases?status=taken_down")
            #expect(open.text.contains("id=\"cases-empty\""))

            let path = "/admin/marketplace/cases/\(reported.id.rawValue)/decision"
            let unexplained = try await owner.post(path, [("decision", "take_down"), ("reason", "")])
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.text.contains("id=\"problem-\(reported.id.rawValue)\""))
            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let taken = try await owner.post(
                    path, [("decision", "take_down"), ("reason", "The invoice is not the brand's")], key: key)
                #expect(taken.status == .seeOther && taken.location == "/admin/marketplace/cases?done=taken_down")
            }
            let decided = try await platform.database.read { db in
                try await platform.sellers.sellerCase(reported.id, on: db)
            }
            #expect(decided.status == .takenDown && decided.events.filter { $0.action == "taken_down" }.count == 1)
            let paused = try await platform.database.read { db in
                try await platform.sellers.offer(offer.id, of: nordic, on: db)
            }
            #expect(paused.status == .paused)
            let restored = try await owner.post(path, [("decision", "restore"), ("reason", "Changed my mind")])
            #expect(restored.status == .conflict, "a decided case stays decided")

            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)
            let read = try await moderator.get("/admin/marketplace/cases")
            #expect(read.status == .ok && !read.text.contains("class=\"console-form case-decision\""))
            #expect(try await moderator.post(path, [("decision", "restore"), ("reason", "x")]).status == .forbidden)
        }
    }
}
