public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Step 1 of a join, in the join's first transaction: locks the deal's row, checks the join by the rules
    /// (``GroupDealJoin``) against everyone in or still authorising, and takes a seat by the guarded update
    /// the maximum's CHECK stands behind. The caller opens the payment for ``GroupDealAdmission/amountToAuthorise``
    /// and records the seat (``seatInGroupDeal(_:admission:displayName:paymentID:participantID:on:)``). A refusal
    /// throws before anything is written.
    public func admitToGroupDeal(
        _ id: GroupDealID, request: GroupDealJoinRequest, on db: any SQLDatabase
    ) async throws -> (deal: GroupDeal, admission: GroupDealAdmission) {
        try await PromotionsStore.lockGroupDeal(id, on: db)
        let snapshot = try await groupDealSnapshot(id, on: db)
        // A seat still authorising counts: its shopper holds a number and the price that number reached.
        let counted = snapshot.seats.compactMap { seat -> GroupDealParticipant? in
            guard seat.status != .rejected else { return nil }
            var participant = seat.participant
            participant.state = seat.status.participantState ?? .joined
            return participant
        }
        let admission = try GroupDealJoin.check(join: request, to: snapshot.deal, participants: counted, at: now)
        guard
            try await db.raw(
                """
                UPDATE promotion_group_deals SET seats = seats + 1
                WHERE id = \(bind: id.rawValue) AND status = 'open'
                  AND (max_participants IS NULL OR seats < max_participants)
                RETURNING seats
                """
            ).first() != nil
        else { throw PromotionsError.groupDealFull }
        return (snapshot.deal, admission)
    }

    /// Step 2 of a join: the seat, `authorising` until the card answers. The unique key on the customer's
    /// seats that are in keeps a customer from joining twice, whatever raced past the rules.
    public func seatInGroupDeal(
        _ deal: GroupDeal, admission: GroupDealAdmission, request: GroupDealJoinRequest, displayName: String,
        paymentID: String, participantID: GroupDealParticipantID, on db: any SQLDatabase
    ) async throws -> GroupDealSeat {
        try await db.raw(
            """
            INSERT INTO promotion_group_deal_participants
                (id, deal_id, customer_id, display_name, number, quantity, unit_price, authorised_amount, currency,
                 payment_id, state, joined_at)
            VALUES (\(bind: participantID.rawValue), \(bind: deal.id.rawValue), \(bind: request.customerID),
                    \(bind: displayName), \(bind: admission.participantNumber), \(bind: request.quantity),
                    \(bind: admission.unitPrice.amount), \(bind: admission.amountToAuthorise.amount),
                    \(bind: admission.unitPrice.currency.code), \(bind: paymentID), 'authorising',
                    \(bind: now.epochMicroseconds))
            """
        ).run()
        return try await seat(participantID, on: db)
    }

    public func seat(_ participantID: GroupDealParticipantID, on db: any SQLDatabase) async throws -> GroupDealSeat {
        guard
            let seat = try await db.raw(
                """
                SELECT \(unsafeRaw: PromotionsStore.seatColumns) FROM promotion_group_deal_participants
                WHERE id = \(bind: participantID.rawValue)
                """
            ).first().map(PromotionsStore.seat)
        else { throw PromotionsError.groupDealNotJoined }
        return seat
    }

    /// The card said yes: the shopper is in. The join that brings the count to the minimum stamps `tipped_at`
    /// (once: the guarded update decides) and announces `group_deal.tipped`.
    @discardableResult
    public func confirmGroupDealSeat(
        _ participantID: GroupDealParticipantID, on db: any SQLDatabase
    ) async throws -> GroupDealSeat {
        let now = self.now
        guard
            let row = try await db.raw(
                """
                UPDATE promotion_group_deal_participants SET state = 'joined'
                WHERE id = \(bind: participantID.rawValue) AND state = 'authorising'
                RETURNING deal_id
                """
            ).first()
        else { return try await seat(participantID, on: db) }
        let dealID = try row.id("deal_id", as: GroupDealID.self, table: "promotion_group_deal_participants")
        if let tipped = try await db.raw(
            """
            UPDATE promotion_group_deals SET tipped_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: dealID.rawValue) AND tipped_at IS NULL AND min_participants <= (
                SELECT COUNT(*) FROM promotion_group_deal_participants
                WHERE deal_id = \(bind: dealID.rawValue) AND state NOT IN ('authorising', 'rejected', 'left'))
            RETURNING title, min_participants
            """
        ).first() {
            try await outbox.append(
                GroupDealTipped(
                    dealID: dealID, title: try tipped.string("title"),
                    participants: try tipped.int("min_participants"), at: now),
                on: db)
        }
        return try await seat(participantID, on: db)
    }

    /// The card said no: the seat goes back and the shopper is not in the deal. Idempotent.
    public func rejectGroupDealSeat(_ participantID: GroupDealParticipantID, on db: any SQLDatabase) async throws {
        guard
            let row = try await db.raw(
                """
                UPDATE promotion_group_deal_participants SET state = 'rejected'
                WHERE id = \(bind: participantID.rawValue) AND state = 'authorising'
                RETURNING deal_id
                """
            ).first()
        else { return }
        try await giveBackSeat(try row.string("deal_id"), on: db)
    }

    /// Takes the customer out of a deal that has not tipped, before the deadline (``GroupDealJoin``), and
    /// returns the seat as it was, whose authorisation the caller voids.
    public func leaveGroupDeal(
        _ id: GroupDealID, customerID: String, on db: any SQLDatabase
    ) async throws -> GroupDealSeat {
        let now = self.now
        try await PromotionsStore.lockGroupDeal(id, on: db)
        let snapshot = try await groupDealSnapshot(id, on: db)
        guard
            let seat = snapshot.seats.first(where: { $0.participant.customerID == customerID && $0.status == .joined })
        else {
            guard snapshot.deal.status == .open else { throw PromotionsError.groupDealSettled }
            throw PromotionsError.groupDealNotJoined
        }
        try GroupDealJoin.check(
            leave: seat.participant.id, from: snapshot.deal, participants: snapshot.participants, at: now)
        guard
            try await db.raw(
                """
                UPDATE promotion_group_deal_participants SET state = 'left', left_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: seat.participant.id.rawValue) AND state = 'joined' AND action IS NULL
                RETURNING id
                """
            ).first() != nil
        else { throw PromotionsError.groupDealNotJoined }
        try await giveBackSeat(id.rawValue, on: db)
        return seat
    }

    private func giveBackSeat(_ dealID: String, on db: any SQLDatabase) async throws {
        guard
            try await db.raw(
                "UPDATE promotion_group_deals SET seats = seats - 1 WHERE id = \(bind: dealID) AND seats > 0 RETURNING id"
            ).first() != nil
        else {
            throw PersistenceError.corruptRow(table: "promotion_group_deals", detail: "seats below its participants")
        }
    }
}
