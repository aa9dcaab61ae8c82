import Flows
import Foundation
import Persistence
import Sellers
import TorvCore

/// The demo's C2B requests: a refurbisher buying used tableware from consumers (open trade-in), and a
/// shop asking other sellers to quote for gift boxes, with one quote in.
enum DemoBuyRequests {
    static func seed(on platform: Platform) async throws {
        let now = platform.clock.now()
        let sellers = platform.sellers
        try await platform.database.inTransaction { db in
            let approved = try await sellers.sellers(status: .approved, after: nil, limit: 50, on: db)
            guard let refurbisher = approved.first(where: { $0.displayName == "Second Round" }),
                let shop = approved.first(where: { $0.displayName == "Nordic Ceramics" }),
                let supplier = approved.first(where: { $0.displayName == "Fjord Living" })
            else { return }
            _ = try await sellers.postBuyRequest(
                NewBuyRequest(
                    kind: .tradeIn, title: "We buy your used stoneware mugs",
                    description: "Mugs from any Nordic maker, no chips or cracks; we collect or send a free label.",
                    acceptedConditions: [.likeNew, .good], unitPriceCeiling: Money(minorUnits: 400, currency: .eur),
                    currency: .eur, wantedQuantity: 200, deadline: now.addingTimeInterval(30 * 86_400)),
                as: .seller(refurbisher.id), by: AuditActor(kind: "seller_user", id: "second@torv.demo"), on: db)
            let quote = try await sellers.postBuyRequest(
                NewBuyRequest(
                    kind: .quote, title: "Gift boxes for the holiday season",
                    description: "500 printed gift boxes, 20 × 20 × 10 cm, recycled board, our logo on the lid.",
                    currency: .eur, wantedQuantity: 500, neededBy: now.addingTimeInterval(40 * 86_400),
                    deadline: now.addingTimeInterval(14 * 86_400)),
                as: .seller(shop.id), by: AuditActor(kind: "seller_user", id: "nordic@torv.demo"), on: db)
            _ = try await sellers.respond(
                to: quote.id, as: .seller(supplier.id),
                BuyResponseDraft(
                    unitPrice: Money(minorUnits: 185, currency: .eur), quantity: 500,
                    note: "Printed in two colours, delivered in three weeks."),
                by: AuditActor(kind: "seller_user", id: "fjord@torv.demo"), on: db)
        }
    }
}
