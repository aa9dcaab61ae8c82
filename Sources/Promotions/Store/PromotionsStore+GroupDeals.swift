import Foundation
import Persistence
import SQLKit
import TorvCore

extension PromotionsStore {
    static let groupDealColumns = """
        id, title, product_id, variant_id, sku, regular_price, currency, tiers, min_participants, max_participants,
        max_quantity_per_participant, opens_at, deadline, voucher_valid_days, seats, status, tipped_at, settled_at,
        created_at, tax_class, vat_rate
        """

    /// Tiers as stored: prices in the deal's currency.
    struct StoredTier: Codable {
        var from: Int
        var price: Int64
    }

    static func tiersJSON(_ tiers: [GroupDealTier]) throws -> String {
        let stored = tiers.map { StoredTier(from: $0.fromParticipants, price: $0.unitPrice.amount) }
        return String(decoding: try JSONEncoder().encode(stored), as: UTF8.self)
    }

    static func groupDeal(_ row: any SQLRow) throws -> GroupDeal {
        let currency = try row.currency("currency")
        let stored: [StoredTier]
        do {
            stored = try JSONDecoder().decode([StoredTier].self, from: Data(try row.string("tiers").utf8))
        } catch {
            throw PersistenceError.corruptRow(table: "promotion_group_deals", detail: "bad tiers JSON")
        }
        let new = NewGroupDeal(
            title: try row.string("title"), productID: try row.string("product_id"),
            variantID: try row.string("variant_id"), sku: try row.string("sku"),
            regularPrice: Money(
                minorUnits: try row.decode(column: "regular_price", as: Int64.self), currency: currency),
            tiers: stored.map {
                GroupDealTier(fromParticipants: $0.from, unitPrice: Money(minorUnits: $0.price, currency: currency))
            },
            minParticipants: try row.int("min_participants"), maxParticipants: try row.optionalInt("max_participants"),
            maxQuantityPerParticipant: try row.int("max_quantity_per_participant"), opensAt: try row.date("opens_at"),
            deadline: try row.date("deadline"), voucherValidDays: try row.int("voucher_valid_days"),
            taxClass: try row.optionalString("tax_class"), vatRate: try row.optionalInt("vat_rate"))
        var deal = GroupDeal(
            id: try row.id("id", as: GroupDealID.self, table: "promotion_group_deals"), new,
            createdAt: try row.date("created_at"))
        deal.status = try row.enumeration("status", as: GroupDealStatus.self, table: "promotion_group_deals")
        deal.tippedAt = try row.optionalDate("tipped_at")
        deal.settledAt = try row.optionalDate("settled_at")
        return deal
    }

    static let seatColumns = """
        id, deal_id, customer_id, display_name, number, quantity, unit_price, authorised_amount, currency, payment_id,
        state, joined_at, left_at, captured_amount, action, action_attempt_id, action_claimed_at
        """

    static func seat(_ row: any SQLRow) throws -> GroupDealSeat {
        let table = "promotion_group_deal_participants"
        let currency = try row.currency("currency")
        let status = try row.enumeration("state", as: GroupDealSeatStatus.self, table: table)
        let captured = try row.decode(column: "captured_amount", as: Int64?.self)
        let participant = GroupDealParticipant(
            id: try row.id("id", as: GroupDealParticipantID.self, table: table),
            dealID: try row.id("deal_id", as: GroupDealID.self, table: table),
            customerID: try row.string("customer_id"),
            displayName: try row.string("display_name"), quantity: try row.int("quantity"),
            unitPrice: Money(minorUnits: try row.decode(column: "unit_price", as: Int64.self), currency: currency),
            authorisedAmount: Money(
                minorUnits: try row.decode(column: "authorised_amount", as: Int64.self), currency: currency),
            paymentID: try row.string("payment_id"), joinedAt: try row.date("joined_at"),
            state: status.participantState ?? .joined, leftAt: try row.optionalDate("left_at"),
            capturedAmount: captured.map { Money(minorUnits: $0, currency: currency) })
        let step = try row.optionalString("action").map { raw in
            guard let step = GroupDealPaymentStep(rawValue: raw) else {
                throw PersistenceError.corruptRow(table: table, detail: "unknown action \(raw)")
            }
            return step
        }
        return GroupDealSeat(
            participant: participant, status: status, number: try row.int("number"), step: step,
            stepAttemptID: try row.optionalString("action_attempt_id"),
            stepClaimedAt: try row.optionalDate("action_claimed_at"))
    }

    static let voucherColumns = "code, deal_id, participant_id, issued_at, expires_at, redeemed_at"

    static func voucher(_ row: any SQLRow) throws -> GroupDealVoucher {
        let table = "promotion_group_deal_vouchers"
        return GroupDealVoucher(
            code: try row.string("code"), dealID: try row.id("deal_id", as: GroupDealID.self, table: table),
            participantID: try row.id("participant_id", as: GroupDealParticipantID.self, table: table),
            issuedAt: try row.date("issued_at"), expiresAt: try row.date("expires_at"),
            redeemedAt: try row.optionalDate("redeemed_at"))
    }

    static func loadGroupDeal(_ id: GroupDealID, on db: any SQLDatabase) async throws -> GroupDeal {
        guard
            let deal = try await db.raw(
                "SELECT \(unsafeRaw: groupDealColumns) FROM promotion_group_deals WHERE id = \(bind: id.rawValue)"
            ).first().map(groupDeal)
        else { throw PromotionsError.groupDealNotFound }
        return deal
    }

    static func seats(of id: GroupDealID, on db: any SQLDatabase) async throws -> [GroupDealSeat] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: seatColumns) FROM promotion_group_deal_participants
            WHERE deal_id = \(bind: id.rawValue) ORDER BY joined_at, number, id
            """
        ).all().map(seat)
    }

    static func vouchers(of id: GroupDealID, on db: any SQLDatabase) async throws -> [GroupDealVoucher] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: voucherColumns) FROM promotion_group_deal_vouchers
            WHERE deal_id = \(bind: id.rawValue) ORDER BY issued_at, code
            """
        ).all().map(voucher)
    }

    /// Locks the deal's row until the transaction ends (SQLite has one writer anyway), so joins and leaves of
    /// one deal count the participants one after the other.
    static func lockGroupDeal(_ id: GroupDealID, on db: any SQLDatabase) async throws {
        guard
            try await db.raw(
                "UPDATE promotion_group_deals SET seats = seats WHERE id = \(bind: id.rawValue) RETURNING id"
            ).first() != nil
        else { throw PromotionsError.groupDealNotFound }
    }
}
