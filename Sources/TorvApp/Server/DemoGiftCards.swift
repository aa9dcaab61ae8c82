import Flows
import Foundation
import GiftCards
import Persistence
import TorvCore

/// The demo's stored value: gift cards sold at the counter (some later spent on orders) and a goodwill
/// store credit for a registered shopper, so the gift-card liability in the books has a story.
enum DemoGiftCards {
    static let support = AuditActor(kind: "staff", id: "torv demo support")

    /// Issues the cards and returns the codes of the sold ones, for shoppers to spend.
    static func issue(customers: [String: String], on platform: Platform) async throws -> [String] {
        let giftCards = platform.giftCards
        return try await platform.database.inTransaction { db in
            var codes: [String] = []
            for (index, value) in [2_500, 5_000, 5_000, 10_000].enumerated() {
                let issued = try await giftCards.issue(
                    NewGiftCard(value: Money(minorUnits: Int64(value), currency: .eur), reason: .sold),
                    key: "demo-gift-card-\(index)", by: support, on: db)
                if let code = issued.code { codes.append(code) }
            }
            if let ada = customers["ada@torv.demo"] {
                _ = try await giftCards.issue(
                    NewGiftCard(
                        kind: .storeCredit, value: Money(minorUnits: 1_500, currency: .eur), reason: .goodwill,
                        customerID: ada, note: "Sorry for the late parcel"),
                    key: "demo-store-credit-ada", by: support, on: db)
            }
            return codes
        }
    }
}
