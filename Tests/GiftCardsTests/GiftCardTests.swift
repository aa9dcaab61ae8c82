import Flows
import Foundation
import GiftCards
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Gift cards")
struct GiftCardTests {
    @Test("a card is issued once per key, shows its code once and keeps only a digest of it")
    func issuing() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let issued = try await platform.issueCard(.eur(5_000), key: "till-1")
            #expect(issued.code.count == 19 && GiftCardCode.normalized(issued.code) != nil)
            #expect(issued.card.balance == .eur(5_000) && issued.card.lastFour == String(issued.code.suffix(4)))
            let again = try await platform.cards { cards, db in
                try await cards.issue(
                    NewGiftCard(value: .eur(5_000), reason: .sold), key: "till-1", by: .cashier, on: db)
            }
            #expect(again.card.id == issued.card.id && again.code == nil)
            await #expect(throws: GiftCardsError.issueKeyReused) {
                try await platform.cards { cards, db in
                    try await cards.issue(
                        NewGiftCard(value: .eur(9_000), reason: .sold), key: "till-1", by: .cashier, on: db)
                }
            }
            let found = try await platform.cards { cards, db in
                try await cards.card(code: issued.code.lowercased().replacingOccurrences(of: "-", with: " "), on: db)
            }
            #expect(found.id == issued.card.id)
            let stored = try await env.database.read { db in
                try await db.raw("SELECT code_digest FROM gift_cards").all().map { try $0.string("code_digest") }
            }
            #expect(stored.count == 1 && !stored[0].contains(issued.code.prefix(4)))
            let refused = await #expect(throws: ValidationError.self) {
                try await platform.cards { cards, db in
                    try await cards.issue(
                        NewGiftCard(
                            kind: .storeCredit, value: .eur(0), reason: .goodwill,
                            expiresAt: env.clock.now.addingTimeInterval(-1)), key: "", by: .cashier, on: db)
                }
            }
            #expect(
                refused?.problems == [
                    "/value/amount invalid_value", "/customer_id customer_required", "/expires_at expiry_in_past",
                    "/key key_required",
                ])
            #expect(try await platform.events(GiftCardIssued.self).map(\.value) == [.eur(5_000)])
        }
    }

    @Test("cards pay in the order given, each what it holds, and any unusable card stops the whole spend")
    func redeeming() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let small = try await platform.issueCard(.eur(3_000))
            let large = try await platform.issueCard(.eur(10_000))
            let spare = try await platform.issueCard(.eur(1_000))
            let paid = try await platform.cards { cards, db in
                try await cards.redeem(
                    [small.code, large.code, spare.code], upTo: .eur(8_000), reference: "chk_1", customerID: nil, on: db
                )
            }
            #expect(paid.map(\.amount) == [.eur(3_000), .eur(5_000)])
            let balances = try await platform.cards { cards, db in
                [try await cards.card(small.card.id, on: db), try await cards.card(large.card.id, on: db)].map(
                    \.balance)
            }
            #expect(balances == [.eur(0), .eur(5_000)])

            let disabled = try await platform.issueCard(.eur(2_000))
            _ = try await platform.cards { cards, db in
                try await cards.setStatus(disabled.card.id, to: .disabled, reason: "lost", by: .cashier, on: db)
            }
            let expiring = try await platform.issueCard(.eur(2_000), expiresAt: env.clock.now.addingTimeInterval(60))
            let crowns = try await platform.issueCard(.sek(2_000))
            let credit = try await platform.issueCard(.eur(2_000), kind: .storeCredit, customerID: "cus_ann")
            env.clock.advance(by: 120)
            let refused = await #expect(throws: ValidationError.self) {
                try await platform.cards { cards, db in
                    try await cards.redeem(
                        [
                            spare.code, disabled.code, expiring.code, crowns.code, credit.code, small.code, "nonsense",
                            "AAAA-AAAA-AAAA-AAAA",
                        ], upTo: .eur(8_000), reference: "chk_2", customerID: "cus_bob", on: db)
                }
            }
            #expect(
                refused?.problems == [
                    "/gift_cards/6 invalid_gift_card_code"
                ])
            let refusedCards = await #expect(throws: ValidationError.self) {
                try await platform.cards { cards, db in
                    try await cards.redeem(
                        [
                            spare.code, disabled.code, expiring.code, crowns.code, credit.code, small.code,
                            "AAAA-AAAA-AAAA-AAAA",
                        ], upTo: .eur(8_000), reference: "chk_2", customerID: "cus_bob", on: db)
                }
            }
            #expect(
                refusedCards?.problems == [
                    "/gift_cards/1 gift_card_disabled", "/gift_cards/2 gift_card_expired",
                    "/gift_cards/3 gift_card_currency_mismatch", "/gift_cards/4 store_credit_not_yours",
                    "/gift_cards/5 gift_card_empty", "/gift_cards/6 gift_card_not_found",
                ])
            // Nothing was spent: the usable card before the bad ones still holds its value.
            #expect(
                try await platform.cards { cards, db in try await cards.card(spare.card.id, on: db) }.balance
                    == .eur(1_000))
            let own = try await platform.cards { cards, db in
                try await cards.redeem(
                    [credit.code], upTo: .eur(500), reference: "chk_3", customerID: "cus_ann", on: db)
            }
            #expect(own.map(\.amount) == [.eur(500)])
            #expect(try await platform.cards { cards, db in try await cards.violations(on: db) }.isEmpty)
        }
    }

    @Test("an order's redemptions are released once, and refunds never give back more than the cards paid")
    func givingBack() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let gift = try await platform.issueCard(.eur(4_000))
            let credit = try await platform.issueCard(.eur(4_000), kind: .storeCredit, customerID: "cus_ann")
            _ = try await platform.cards { cards, db in
                try await cards.redeem(
                    [gift.code, credit.code], upTo: .eur(6_000), reference: "chk_a", customerID: "cus_ann", on: db)
            }
            let released = try await platform.cards { cards, db in try await cards.release("chk_a", on: db) }
            #expect(Set(released.map(\.amount)) == [.eur(4_000), .eur(2_000)])
            #expect(try await platform.cards { cards, db in try await cards.release("chk_a", on: db) }.isEmpty)

            _ = try await platform.cards { cards, db in
                try await cards.redeem(
                    [gift.code, credit.code], upTo: .eur(6_000), reference: "chk_b", customerID: "cus_ann", on: db)
            }
            // Store credit is refunded first: it is the customer's own money.
            let first = try await platform.cards { cards, db in
                try await cards.refund(.eur(2_500), to: "chk_b", key: "goodwill-1", on: db)
            }
            #expect(first.map(\.cardID) == [credit.card.id, gift.card.id])
            #expect(first.map(\.amount) == [.eur(2_000), .eur(500)])
            let replay = try await platform.cards { cards, db in
                try await cards.refund(.eur(2_500), to: "chk_b", key: "goodwill-1", on: db)
            }
            #expect(replay.map(\.id) == first.map(\.id))
            await #expect(throws: GiftCardsError.refundExceedsRedeemed(outstanding: .eur(3_500))) {
                try await platform.cards { cards, db in
                    try await cards.refund(.eur(3_501), to: "chk_b", key: "goodwill-2", on: db)
                }
            }
            let events = try await platform.events(GiftCardRefunded.self)
            #expect(events.map(\.refundedBefore) == [.eur(0), .eur(2_000)])
            let tenders = try await platform.cards { cards, db in try await cards.tenders(for: "chk_b", on: db) }
            #expect(Set(tenders.map(\.outstanding)) == [.eur(3_500), .eur(0)])
            #expect(try await platform.cards { cards, db in try await cards.violations(on: db) }.isEmpty)
        }
    }

    @Test("checkouts spending one card at once never take it below zero", arguments: TestBackend.allCases)
    func concurrentRedemptions(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let card = try await platform.issueCard(.eur(10_000))
            let giftCards = platform.giftCards
            let other = try await env.openAnotherPool()
            // Sixteen checkouts of 1 500 each race for a card of 10 000 from two pools: six pay in full,
            // one gets the last 1 000, the rest find it empty.
            let paid = try await withThrowingTaskGroup(of: Int64.self) { group in
                for index in 0..<16 {
                    let database = index % 2 == 0 ? env.database : other
                    group.addTask {
                        do {
                            return try await database.inTransaction { db in
                                try await giftCards.redeem(
                                    [card.code], upTo: .eur(1_500), reference: "chk_\(index)", customerID: nil, on: db)
                            }.reduce(0) { $0 + $1.amount.amount }
                        } catch let error as ValidationError {
                            #expect(error.problems == ["/gift_cards/0 gift_card_empty"])
                            return 0
                        }
                    }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            await other.shutdown()
            #expect(paid.reduce(0, +) == 10_000)
            #expect(paid.filter { $0 == 1_500 }.count == 6 && paid.filter { $0 == 1_000 }.count == 1)
            let after = try await platform.cards { cards, db in try await cards.card(card.card.id, on: db) }
            #expect(after.balance == .eur(0))
            #expect(try await platform.cards { cards, db in try await cards.violations(on: db) }.isEmpty)
        }
    }
}
