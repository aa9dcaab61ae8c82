import Foundation
import GiftCards
import Inventory
import Ledger
import Payments
public import Persistence

/// One broken invariant, in words an operator can act on.
public struct InvariantFinding: Sendable, Hashable, CustomStringConvertible {
    public var module: String
    public var detail: String

    public var description: String { "\(module): \(detail)" }
}

/// Every module's invariant checks, run by `torv audit` (and a nightly job later). Each check reads
/// in one snapshot; an empty answer means the books hold.
public enum InvariantAudit {
    public static func run(on platform: Platform) async throws -> [InvariantFinding] {
        try await platform.database.read { db in
            let stock = try await platform.inventory.verifyInvariants(on: db)
            let payments = try await platform.payments.verifyInvariants(on: db)
            let ledger = try await platform.ledger.verifyInvariants(on: db)
            let books = try await Bookkeeping.audit(platform, on: db)
            let cards = try await platform.giftCards.violations(on: db)
            let flash = try await FlashSales.violations(on: platform, db: db)
            let groupDeals = try await GroupDeals.violations(on: platform, db: db)
            return stock.map { InvariantFinding(module: "inventory", detail: $0.description) }
                + payments.map { InvariantFinding(module: "payments", detail: $0.description) }
                + ledger.map {
                    InvariantFinding(
                        module: "ledger", detail: "\($0.entryID ?? "all entries") in \($0.currency): \($0.detail)")
                } + books + cards.map { InvariantFinding(module: "gift_cards", detail: $0) }
                + flash.map { InvariantFinding(module: "flash_sales", detail: $0) }
                + groupDeals.map { InvariantFinding(module: "group_deals", detail: $0) }
        }
    }
}
