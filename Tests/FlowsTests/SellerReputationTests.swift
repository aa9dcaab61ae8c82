import Catalog
import Checkout
import Flows
import Foundation
import Identity
import Orders
import Payments
import Persistence
import Reviews
import Sellers
import TestSupport
import Testing
import TorvCore

/// Seller reputation from real trades: buyers review sellers of delivered sub-orders once, sellers answer once,
/// private sellers rate their buyers, and the published rating reaches the buy box.
@Suite("Seller reviews and buyer ratings")
struct SellerReputationTests {
    static let seller = AuditActor(kind: "seller_user", id: "susr_test")

    static func customer(_ email: String, name: String, on platform: Platform) async throws -> CustomerID {
        guard
            case .created(let account) = try await platform.identity.registerCustomer(
                email: email, password: "correct horse battery", name: name, requestID: nil, in: platform.database)
        else { throw ReputationFlowError.guestBuyer }
        return account.id
    }

    /// The customer buys one unit of `offer` with one of the shop's own tees and pays by card; returns the
    /// seller's sub-order. (The shop's line is there because a cart of seller lines alone is not priced for
    /// delivery yet: checkout refuses it with `/delivery/location_id`.)
    static func buy(
        _ offer: SellerOffer, as customer: CustomerID, shop: TestShop, key: String, on platform: Platform
    ) async throws -> SubOrder {
        let created = try await ShoppingCarts.create(
            channel: "web", currency: .eur, customer: customer.rawValue, on: platform)
        let access = CartAccess.customer(customer.rawValue)
        let id = created.cart.id
        _ = try await ShoppingCarts.addLine(
            variant: shop.teeS.rawValue, quantity: 1, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.addLine(
            variant: offer.variantID, offer: offer.id.rawValue, quantity: 1, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.setContact(
            email: "buyer@example.com", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: id, access: access, on: platform)
        let outcome = try await OrderPlacement.checkOut(
            id, access: access, key: key, payment: .card(number: TestCard.approves), on: platform)
        let parts = try await platform.database.read { db in
            try await platform.orders.subOrders(of: outcome.order.id, on: db)
        }
        return try #require(parts.first { $0.sellerID == offer.sellerID.rawValue })
    }

    static func deliver(_ subOrder: SubOrder, on platform: Platform) async throws {
        let seller = try #require(SellerID(subOrder.sellerID))
        _ = try await SellerOrders.ship(
            subOrder.id, seller: seller, carrier: "DHL", trackingNumber: "JJD0001", by: Self.seller, on: platform)
        _ = try await SellerOrders.confirmDelivery(subOrder.id, seller: seller, by: Self.seller, on: platform)
    }

    static func refusal<E: Error & Equatable, T>(
        _ expected: E, _ body: () async throws -> T, sourceLocation: SourceLocation = #_sourceLocation
    ) async {
        do {
            _ = try await body()
            Issue.record("expected \(expected)", sourceLocation: sourceLocation)
        } catch let error as E {
            #expect(error == expected, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(expected), got \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test(
        "a buyer reviews the seller of a delivered sub-order once, the seller answers once, the buy box sees it",
        arguments: TestBackend.allCases)
    func reviewOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic", on: platform)
            let retro = try await TestMarketplace.approvedSeller("Retro", on: platform)
            let tee = try await TestMarketplace.offer(
                shop.teeM.rawValue, by: nordic, price: 1_800, quantity: 5, on: platform)
            let ada = try await Self.customer("ada@example.com", name: "Ada Lovelace", on: platform)
            let bob = try await Self.customer("bob@example.com", name: "Bob Stranger", on: platform)
            env.clock.advance(by: 60)
            let part = try await Self.buy(tee, as: ada, shop: shop, key: "ada-1", on: platform)
            let draft = SellerReviewDraft(
                rating: 5, body: "Packed with care, fast.", photoURLs: ["https://photos.example/box.jpg"])

            // Not delivered yet: no review.
            await Self.refusal(ReputationFlowError.notYetDelivered) {
                try await SellerReputation.reviewSeller(
                    draft, subOrderID: part.id.rawValue, customerID: ada, on: platform)
            }
            try await Self.deliver(part, on: platform)
            // Another customer's sub-order does not exist for Bob.
            await Self.refusal(ReputationFlowError.subOrderNotFound) {
                try await SellerReputation.reviewSeller(
                    draft, subOrderID: part.id.rawValue, customerID: bob, on: platform)
            }
            // Bad input is refused field by field.
            do {
                _ = try await SellerReputation.reviewSeller(
                    SellerReviewDraft(rating: 6, body: " ", photoURLs: ["http://insecure.example/a.jpg"]),
                    subOrderID: part.id.rawValue, customerID: ada, on: platform)
                Issue.record("accepted a bad review")
            } catch let error as ValidationError {
                #expect(Set(error.fieldErrors.map(\.pointer)) == ["/rating", "/body", "/photo_urls/0"])
            }

            // Racing submissions for one sub-order: exactly one lands.
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        do {
                            _ = try await SellerReputation.reviewSeller(
                                draft, subOrderID: part.id.rawValue, customerID: ada, on: platform)
                            return true
                        } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1, "\(outcomes)")
            await Self.refusal(ReviewsError.alreadyReviewed) {
                try await SellerReputation.reviewSeller(
                    draft, subOrderID: part.id.rawValue, customerID: ada, on: platform)
            }

            let review = try #require(
                try await platform.database.read { db in
                    try await platform.reviews.sellerReviews(ofCustomer: ada.rawValue, on: db)
                }.first)
            #expect(review.status == .pending && review.authorName == "Ada L." && review.sellerID == nordic.rawValue)
            // Pending: not counted, not answerable.
            await Self.refusal(ReviewsError.notPublished(.pending)) {
                try await SellerReputation.reply(
                    to: review.id, seller: nordic, text: "Thanks!", by: Self.seller, on: platform)
            }
            var offers = try await Marketplace.offers(forProduct: try #require(ProductID(tee.productID)), on: platform)
            #expect(offers.first?.ranking.reasons.contains { $0.contains("unrated") } == true)

            _ = try await platform.database.inTransaction { db in
                try await platform.reviews.moderate(
                    review.id, .publish, by: TestMarketplace.actor, requestID: nil, on: db)
            }
            // Another seller cannot answer Nordic's review; Nordic answers once.
            await Self.refusal(ReviewsError.sellerReviewNotFound) {
                try await SellerReputation.reply(
                    to: review.id, seller: retro, text: "Buy from us", by: Self.seller, on: platform)
            }
            let answered = try await SellerReputation.reply(
                to: review.id, seller: nordic, text: "Thank you, Ada!", by: Self.seller, on: platform)
            #expect(answered.reply == "Thank you, Ada!")
            await Self.refusal(ReviewsError.alreadyReplied) {
                try await SellerReputation.reply(
                    to: review.id, seller: nordic, text: "Again", by: Self.seller, on: platform)
            }

            let (seller, rating) = try await SellerReputation.publicSeller(
                handle: try await platform.database.read { db in
                    try await platform.sellers.seller(nordic, on: db).handle
                }, on: platform)
            #expect(seller.id == nordic)
            #expect(rating.count == 1 && rating.averageHundredths == 500)
            offers = try await Marketplace.offers(forProduct: try #require(ProductID(tee.productID)), on: platform)
            #expect(offers.first?.ranking.reasons.contains { $0.contains("only 1 rating") } == true, "\(offers)")
        }
    }

    @Test(
        "a private seller rates the buyer once and sees the buyer's summary; a business or another seller cannot",
        arguments: TestBackend.allCases)
    func buyerRatings(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            try await TestMarketplace.setCommission(on: platform)
            let lena = try await TestMarketplace.approvedSeller("Lena", kind: .private, on: platform)
            let maja = try await TestMarketplace.approvedSeller("Maja", kind: .private, on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic", on: platform)
            let used = try await TestMarketplace.offer(
                shop.teeS.rawValue, by: lena, price: 900, quantity: 2, condition: .used, on: platform)
            let mug = try await TestMarketplace.offer(
                shop.mug.rawValue, by: nordic, price: 1_200, quantity: 2, on: platform)
            let ada = try await Self.customer("ada@example.com", name: "Ada Lovelace", on: platform)
            env.clock.advance(by: 60)
            let fromLena = try await Self.buy(used, as: ada, shop: shop, key: "ada-lena", on: platform)
            let fromNordic = try await Self.buy(mug, as: ada, shop: shop, key: "ada-nordic", on: platform)

            await Self.refusal(ReputationFlowError.notYetDelivered) {
                try await SellerReputation.rateBuyer(
                    of: fromLena.id, seller: lena, rating: 5, body: "", requestID: nil, on: platform)
            }
            try await Self.deliver(fromLena, on: platform)
            try await Self.deliver(fromNordic, on: platform)
            // Maja cannot rate Lena's buyer; a business seller does not rate buyers at all.
            await Self.refusal(ReputationFlowError.subOrderNotFound) {
                try await SellerReputation.rateBuyer(
                    of: fromLena.id, seller: maja, rating: 1, body: "", requestID: nil, on: platform)
            }
            await Self.refusal(ReputationFlowError.notPrivateSeller) {
                try await SellerReputation.rateBuyer(
                    of: fromNordic.id, seller: nordic, rating: 5, body: "", requestID: nil, on: platform)
            }
            let rated = try await SellerReputation.rateBuyer(
                of: fromLena.id, seller: lena, rating: 4, body: "Paid fast, friendly.", requestID: nil, on: platform)
            #expect(rated.rating == 4 && rated.customerID == ada.rawValue)
            await Self.refusal(ReviewsError.buyerAlreadyRated) {
                try await SellerReputation.rateBuyer(
                    of: fromLena.id, seller: lena, rating: 1, body: "", requestID: nil, on: platform)
            }

            let summary = try await SellerReputation.buyerRating(of: ada, on: platform)
            #expect(summary.count == 1 && summary.averageHundredths == 400)
            let view = try await SellerOrders.view(fromNordic.id, seller: nordic, on: platform)
            #expect(view.buyerRating == summary)
        }
    }
}
