public import Foundation
public import TorvCore

/// Who may join and leave a group deal, and when.
///
/// Leaving is allowed before the deadline only while the deal has not tipped. Groupon let shoppers cancel
/// until the deal ended, but there a departure after tipping could push the count back below a tier, so the
/// price would rise above what the others authorised, or below the minimum, so a deal the public log had
/// announced as on would be off again. Refusing it keeps tipping a one-way event and every capture within its
/// authorisation; shoppers keep their statutory rights of withdrawal after the sale.
///
/// These checks are the rules, not the guard: the store still takes a join with a guarded insert (one
/// participant per customer that is in, the count below the maximum, the deal open) and a leave with a
/// guarded update, so two requests racing past these checks cannot both win.
public enum GroupDealJoin {
    /// Accepts a join or says why not. `now` is the server's clock: a page left open past the deadline
    /// cannot join late.
    public static func check(
        join request: GroupDealJoinRequest, to deal: GroupDeal, participants: [GroupDealParticipant], at now: Date
    ) throws(PromotionsError) -> GroupDealAdmission {
        guard deal.status == .open else { throw .groupDealSettled }
        guard now >= deal.opensAt else { throw .groupDealNotOpen }
        guard now < deal.deadline else { throw .groupDealClosed }
        let countIn = participants.countIn
        if participants.contains(where: { $0.state.isIn && $0.customerID == request.customerID }) {
            throw .groupDealAlreadyJoined
        }
        guard (1...deal.maxQuantityPerParticipant).contains(request.quantity) else { throw .groupDealQuantityLimit }
        guard !deal.isFull(participants: countIn) else { throw .groupDealFull }
        let number = countIn + 1
        let unitPrice = deal.unitPrice(forParticipants: number)
        // Only a price near Int64's limit overflows; for the shopper that is too many units to buy at once.
        guard let amount = try? unitPrice.multiplied(by: Int64(request.quantity)) else {
            throw .groupDealQuantityLimit
        }
        return GroupDealAdmission(
            participantNumber: number, unitPrice: unitPrice, amountToAuthorise: amount,
            tips: number == deal.minParticipants)
    }

    /// Accepts a leave or says why not; the caller marks the participant left and voids the authorisation.
    public static func check(
        leave participantID: GroupDealParticipantID, from deal: GroupDeal, participants: [GroupDealParticipant],
        at now: Date
    ) throws(PromotionsError) {
        guard deal.status == .open else { throw .groupDealSettled }
        guard participants.contains(where: { $0.id == participantID && $0.state == .joined }) else {
            throw .groupDealNotJoined
        }
        guard now < deal.deadline else { throw .groupDealClosed }
        guard participants.countIn < deal.minParticipants else { throw .groupDealTipped }
    }
}
