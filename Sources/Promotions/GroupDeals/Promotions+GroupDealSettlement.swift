public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// The storage side of settling a deal. Each payment step is claimed on its seat by a guarded update before
/// the provider is called and cleared when its outcome is recorded, so two settlement runs (two instances)
/// never take the same step, and a run that stopped half-way leaves the step and its attempt to be finished.
extension Promotions {
    /// Claims `step` on the seat if it is in one of `states` and no step is in flight on it. False when another
    /// run got there first, or the seat moved on.
    public func claimGroupDealStep(
        _ step: GroupDealPaymentStep, on participantID: GroupDealParticipantID, from states: [GroupDealSeatStatus],
        on db: any SQLDatabase
    ) async throws -> Bool {
        // The statuses are this module's constants, never input.
        let allowed = states.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await db.raw(
            """
            UPDATE promotion_group_deal_participants
            SET action = \(bind: step.rawValue), action_claimed_at = \(bind: now.epochMicroseconds),
                action_attempt_id = NULL
            WHERE id = \(bind: participantID.rawValue) AND action IS NULL AND state IN (\(unsafeRaw: allowed))
            RETURNING id
            """
        ).first() != nil
    }

    /// Records which payment attempt the claimed step started.
    public func attachGroupDealStepAttempt(
        _ attemptID: String, to participantID: GroupDealParticipantID, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE promotion_group_deal_participants SET action_attempt_id = \(bind: attemptID)
            WHERE id = \(bind: participantID.rawValue) AND action IS NOT NULL
            """
        ).run()
    }

    /// The step's outcome: the seat moves to `status` and the step is done. False when the step was not
    /// in flight any more (another run recorded it).
    @discardableResult
    public func finishGroupDealStep(
        _ step: GroupDealPaymentStep, on participantID: GroupDealParticipantID, to status: GroupDealSeatStatus,
        capturedAmount: Money? = nil, on db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            UPDATE promotion_group_deal_participants
            SET state = \(bind: status.rawValue),
                captured_amount = COALESCE(\(bind: capturedAmount?.amount), captured_amount),
                action = NULL, action_attempt_id = NULL, action_claimed_at = NULL
            WHERE id = \(bind: participantID.rawValue) AND action = \(bind: step.rawValue)
            RETURNING id
            """
        ).first() != nil
    }

    /// Gives the step up without moving the seat (a void or refund the provider refused): the planner asks
    /// for it again on the next run.
    public func releaseGroupDealStep(
        _ step: GroupDealPaymentStep, on participantID: GroupDealParticipantID, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE promotion_group_deal_participants
            SET action = NULL, action_attempt_id = NULL, action_claimed_at = NULL
            WHERE id = \(bind: participantID.rawValue) AND action = \(bind: step.rawValue)
            """
        ).run()
    }

    /// The participant's voucher: issued once (the unique key on `participant_id` decides between racing
    /// runs), with a fresh code when one collides.
    @discardableResult
    public func issueGroupDealVoucher(
        to participantID: GroupDealParticipantID, of deal: GroupDeal, on db: any SQLDatabase
    ) async throws -> GroupDealVoucher {
        let now = self.now
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            if let existing = try await voucher(of: participantID, on: db) { return existing }
            let code = GroupDealVoucherCode.generate(using: &generator)
            try await db.raw(
                """
                INSERT INTO promotion_group_deal_vouchers (code, deal_id, participant_id, issued_at, expires_at)
                VALUES (\(bind: code), \(bind: deal.id.rawValue), \(bind: participantID.rawValue),
                        \(bind: now.epochMicroseconds),
                        \(bind: deal.voucherExpiry(issuedAt: now).epochMicroseconds))
                ON CONFLICT DO NOTHING
                """
            ).run()
        }
        guard let issued = try await voucher(of: participantID, on: db) else {
            throw PersistenceError.corruptRow(table: "promotion_group_deal_vouchers", detail: "no free voucher code")
        }
        return issued
    }

    func voucher(of participantID: GroupDealParticipantID, on db: any SQLDatabase) async throws -> GroupDealVoucher? {
        try await db.raw(
            """
            SELECT \(unsafeRaw: PromotionsStore.voucherColumns) FROM promotion_group_deal_vouchers
            WHERE participant_id = \(bind: participantID.rawValue)
            """
        ).first().map(PromotionsStore.voucher)
    }

    /// Stamps the outcome once (the guarded update decides between racing runs) and announces it. False when
    /// the deal was settled already.
    @discardableResult
    public func markGroupDeal(
        _ id: GroupDealID, as status: GroupDealStatus, on db: any SQLDatabase
    ) async throws -> Bool {
        guard status != .open else { return false }
        let now = self.now
        guard
            try await db.raw(
                """
                UPDATE promotion_group_deals
                SET status = \(bind: status.rawValue), settled_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue) AND status = 'open'
                RETURNING id
                """
            ).first() != nil
        else { return false }
        try await outbox.append(GroupDealSettled(dealID: id, status: status, at: now), on: db)
        return true
    }

    /// The voucher `code` (as typed: case, spaces and dashes do not matter), or `voucher_not_found`.
    public func groupDealVoucher(code: String, on db: any SQLDatabase) async throws -> GroupDealVoucher {
        guard let code = GroupDealVoucherCode.normalise(code),
            let voucher = try await db.raw(
                """
                SELECT \(unsafeRaw: PromotionsStore.voucherColumns) FROM promotion_group_deal_vouchers
                WHERE code = \(bind: code)
                """
            ).first().map(PromotionsStore.voucher)
        else { throw PromotionsError.voucherNotFound }
        return voucher
    }

    /// Redeems the voucher `code` (as typed: case, spaces and dashes do not matter) once, before it expires, and
    /// announces it (`group_deal.voucher_redeemed`: the books recognise the sale). Of two tills redeeming it at
    /// once, the guarded update lets exactly one through; the other hears `voucher_already_redeemed`.
    ///
    /// The deal must have its VAT rate recorded (``recordGroupDealTax(_:taxClass:vatRate:on:)`` for deals set up
    /// before deals recorded it; `GroupDeals.redeemVoucher` in Flows does that first).
    public func redeemGroupDealVoucher(
        _ code: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> GroupDealVoucher {
        let now = self.now
        let voucher = try await groupDealVoucher(code: code, on: db)
        let redeemed = try GroupDealVoucherRedemption.redeem(voucher, at: now)
        guard
            try await db.raw(
                """
                UPDATE promotion_group_deal_vouchers SET redeemed_at = \(bind: now.epochMicroseconds)
                WHERE code = \(bind: voucher.code) AND redeemed_at IS NULL
                  AND expires_at > \(bind: now.epochMicroseconds)
                RETURNING code
                """
            ).first() != nil
        else { throw PromotionsError.voucherAlreadyRedeemed }
        let deal = try await PromotionsStore.loadGroupDeal(voucher.dealID, on: db)
        let participant = try await seat(voucher.participantID, on: db).participant
        guard let vatRate = deal.vatRate, let amount = participant.capturedAmount else {
            // Vouchers are issued to captured participants only, and Flows records a deal's rate before redeeming.
            throw PersistenceError.corruptRow(
                table: "promotion_group_deals", detail: "voucher \(voucher.code) has no VAT rate or captured amount")
        }
        try await outbox.append(
            GroupDealVoucherRedeemed(
                code: voucher.code, dealID: deal.id, participantID: participant.id, paymentID: participant.paymentID,
                title: deal.title, amount: amount, vatRate: vatRate, at: now), on: db)
        _ = try await audit.record(
            "promotion.group_deal_voucher_redeemed", by: actor, target: ("group_deal", voucher.dealID.rawValue),
            detail: ["participant_id": voucher.participantID.rawValue], on: db)
        return redeemed
    }

    /// The VAT rate of the deal a participant (`gdpart_…`) is in; nil for an unknown participant or a deal
    /// set up before deals recorded their rate.
    public func groupDealVATRate(ofParticipant participantID: String, on db: any SQLDatabase) async throws -> Int? {
        try await db.raw(
            """
            SELECT d.vat_rate FROM promotion_group_deal_participants p
            JOIN promotion_group_deals d ON d.id = p.deal_id WHERE p.id = \(bind: participantID)
            """
        ).first().flatMap { try $0.optionalInt("vat_rate") }
    }

    /// Every capture the shop still owes goods for (captured, not refunded, voucher not redeemed), with its
    /// deal's VAT rate: what the group-deal prepayments account must hold, net of the VAT paid at capture.
    public func unredeemedGroupDealPrepayments(on db: any SQLDatabase) async throws -> [(paid: Money, vatRate: Int?)] {
        try await db.raw(
            """
            SELECT p.captured_amount, p.currency, d.vat_rate FROM promotion_group_deal_participants p
            JOIN promotion_group_deals d ON d.id = p.deal_id
            LEFT JOIN promotion_group_deal_vouchers v ON v.participant_id = p.id
            WHERE p.state = 'captured' AND p.captured_amount IS NOT NULL AND v.redeemed_at IS NULL
            """
        ).all().map { row in
            (
                Money(
                    minorUnits: try row.decode(column: "captured_amount", as: Int64.self),
                    currency: try row.currency("currency")),
                try row.optionalInt("vat_rate")
            )
        }
    }
}
