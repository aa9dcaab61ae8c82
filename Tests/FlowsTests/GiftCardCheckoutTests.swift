import Checkout
import Flows
import Foundation
import GiftCards
import Inventory
import Ledger
import Orders
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Gift cards and store credit as a tender at checkout: spent with the order, given back with it, and
/// booked against the gift-card liability.
@Suite("Gift cards at checkout")
struct GiftCardCheckoutTests {
    static let staff = AuditActor(kind: "staff", id: "stf_support")

    static func issue(
        _ amount: Int64, reason: GiftCardIssueReason = .sold, on platform: Platform
    ) async throws -> (card: GiftCard, code: String) {
        let issued = try await platform.database.inTransaction { db in
            try await platform.giftCards.issue(
                NewGiftCard(value: Money(minorUnits: amount, currency: .eur), reason: reason), key: UUID().uuidString,
                by: staff, on: db)
        }
        return (issued.card, try #require(issued.code))
    }

    static func balance(_ id: GiftCardID, on platform: Platform) async throws -> Int64 {
        try await platform.database.read { db in try await platform.giftCards.card(id, on: db) }.balance.amount
    }

    @Test(
        "a card pays part and the card payment the rest; cancelling gives each back what it paid, and the books agree",
        arguments: TestBackend.allCases)
    func partPayment(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let gift = try await Self.issue(2_000, on: platform)
            let (cart, access) = try await CheckoutFlowTests.readyCart(shop, on: platform)
            // 53.88 in all: the card pays 20.00, the payment card 33.88.
            let outcome = try await OrderPlacement.checkOut(
                cart, access: access, key: "k1", payment: .card(number: TestCard.approves), giftCards: [gift.code],
                on: platform)
            #expect(outcome.order.status == .paid)
            #expect(outcome.order.giftCardTotal.amount == 2_000)
            #expect(outcome.payment?.capturedAmount.amount == 3_388)
            #expect(try await Self.balance(gift.card.id, on: platform) == 0)

            try await BookkeepingTests.deliver(platform)
            var books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.giftCardLiability] == 0)  // issued 20.00, spent 20.00
            #expect(books[DefaultChart.bank] == 2_000)
            // The card processor kept its fee of the capture.
            let fee = try #require(outcome.payment?.feeAmount.amount)
            #expect(books[DefaultChart.paymentClearing] == 3_388 - fee)

            let cancelled = try await AfterSale.cancel(
                outcome.order.id, reason: "changed mind", by: Self.staff, on: platform)
            #expect(cancelled.refundedTotal.amount == 5_388)
            #expect(try await Self.balance(gift.card.id, on: platform) == 2_000)
            try await BookkeepingTests.deliver(platform)
            books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.giftCardLiability] == -2_000)  // owed again
            #expect(books[DefaultChart.paymentClearing] == -fee)
            #expect(books[DefaultChart.vatPayable, default: 0] == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test(
        "gift cards alone pay a whole order without a payment; alone they must cover it, and a declined card releases them",
        arguments: TestBackend.allCases)
    func wholeOrderAndDecline(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let first = try await Self.issue(3_000, reason: .goodwill, on: platform)
            let second = try await Self.issue(4_000, on: platform)

            let (short, shortAccess) = try await CheckoutFlowTests.readyCart(shop, on: platform)
            let refused = await #expect(throws: CheckoutFlowError.self) {
                try await OrderPlacement.checkOut(
                    short, access: shortAccess, key: "k0", payment: .giftCardsOnly, giftCards: [first.code],
                    on: platform)
            }
            #expect(
                refused?.message == "The gift cards leave 23.88 EUR to pay; add a card payment or another gift card.")
            #expect(try await Self.balance(first.card.id, on: platform) == 3_000)  // nothing written

            let declined = try await OrderPlacement.checkOut(
                short, access: shortAccess, key: "k1", payment: .card(number: TestCard.declines),
                giftCards: [first.code], on: platform)
            #expect(declined.order.status == .cancelled)
            #expect(try await Self.balance(first.card.id, on: platform) == 3_000)

            let paid = try await OrderPlacement.checkOut(
                short, access: shortAccess, key: "k2", payment: .giftCardsOnly, giftCards: [first.code, second.code],
                on: platform)
            #expect(paid.order.status == .paid && paid.payment == nil)
            #expect(paid.order.paymentMethod == OrderPlacement.giftCardPaymentID)
            #expect(try await Self.balance(first.card.id, on: platform) == 0)
            #expect(try await Self.balance(second.card.id, on: platform) == 1_612)
            let tee = try await CheckoutFlowTests.stock("TEE-S", at: shop.warehouse, on: platform)
            #expect(tee.onHand == 48 && tee.reserved == 0)  // sold, not merely held

            // A retry with the same key replays the order and spends nothing more.
            let replay = try await OrderPlacement.checkOut(
                short, access: shortAccess, key: "k2", payment: .giftCardsOnly, giftCards: [first.code, second.code],
                on: platform)
            #expect(replay.order.id == paid.order.id && !replay.isNew)
            #expect(try await Self.balance(second.card.id, on: platform) == 1_612)

            // A goodwill refund goes back onto the cards, never more than they paid.
            try await AfterSale.refund(
                paid.order.id, amount: Money(minorUnits: 1_000, currency: .eur), reason: "late", key: "r1",
                by: Self.staff, on: platform)
            try await BookkeepingTests.deliver(platform)
            let books = try await BookkeepingTests.balances(platform)
            // Issued 70.00 (30.00 given away), spent 53.88, 10.00 back: 26.12 owed.
            #expect(books[DefaultChart.giftCardLiability] == -2_612)
            #expect(books[DefaultChart.promotionalGiftCards] == 3_000)
            let outstanding = try await platform.database.read { db in try await platform.giftCards.outstanding(on: db)
            }
            #expect(outstanding.map(\.amount) == [2_612])
            await #expect(throws: GiftCardsError.self) {
                try await AfterSale.refund(
                    paid.order.id, amount: Money(minorUnits: 4_389, currency: .eur), reason: "too much", key: "r2",
                    by: Self.staff, on: platform)
            }
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
