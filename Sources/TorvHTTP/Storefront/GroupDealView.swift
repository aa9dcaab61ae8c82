import Flows
import Foundation
import Promotions
import TorvCore

/// A group deal as shoppers see it: the price now and at each tier, how many joined against how many are
/// needed, the deadline, the public log (initials only), the invite link, and the shopper's own seat.
struct GroupDealView {
    let dealID: String
    let dealTitle: String
    let phaseText: String
    let joinable: Bool
    let regularPriceText: String
    let currentPriceText: String
    let tiers: [TierRow]
    let joined: Int
    let needed: Int
    let stillNeeded: Int
    let maximumText: String?
    let deadlineISO: String
    let deadlineText: String
    let inviteURL: String
    let log: [String]
    let seat: SeatView?
    let signedIn: Bool

    init(_ showing: GroupDeals.Showing, seat: GroupDealSeat?, signedIn: Bool, inviteURL: String, settings: ShopSettings)
    {
        let deal = showing.deal
        dealID = deal.id.rawValue
        dealTitle = deal.title
        phaseText =
            switch showing.phase {
            case .scheduled: "Opens soon"
            case .open: "Open: joining authorises your card, nothing is charged unless the deal tips"
            case .tipped: "Tipped: the deal is on, and joining is still open"
            case .awaitingSettlement: "Closed, being settled"
            case .succeeded: "Succeeded: every participant was charged once and has a voucher"
            case .failed: "Did not tip: every authorisation was released, nobody was charged"
            }
        joinable = showing.phase == .open || showing.phase == .tipped
        regularPriceText = settings.money(deal.regularPrice)
        currentPriceText = settings.money(showing.currentPrice)
        tiers = deal.tiers.map {
            TierRow(fromParticipants: $0.fromParticipants, tierPrice: settings.money($0.unitPrice))
        }
        joined = showing.participants
        needed = deal.minParticipants
        stillNeeded = max(0, deal.minParticipants - showing.participants)
        maximumText = deal.maxParticipants.map { "At most \($0) participants." }
        deadlineISO = deal.deadline.ISO8601Format()
        deadlineText = settings.dateTime(deal.deadline)
        self.inviteURL = inviteURL
        log = showing.snapshot.log.reversed().map { entry in
            switch entry {
            case .joined(let number, let name, let at):
                "\(settings.dateTime(at)): \(name.isEmpty ? "Someone" : name) joined, number \(number)"
            case .left(let name, let at): "\(settings.dateTime(at)): \(name.isEmpty ? "Someone" : name) left"
            case .tipped(let at, let participants): "\(settings.dateTime(at)): the deal tipped with \(participants)"
            case .succeeded(let at, let participants):
                "\(settings.dateTime(at)): succeeded, \(participants) charged and sent a voucher"
            case .failed(let at): "\(settings.dateTime(at)): did not tip; every authorisation released"
            }
        }
        self.seat = seat.map { SeatView($0, settings: settings) }
        self.signedIn = signedIn
    }
}

struct TierRow {
    let fromParticipants: Int
    let tierPrice: String
}

struct SeatView {
    let seatText: String
    let canLeave: Bool

    init(_ seat: GroupDealSeat, settings: ShopSettings) {
        let amount = settings.money(seat.participant.authorisedAmount)
        seatText =
            switch seat.status {
            case .authorising: "Your card is being authorised for \(amount)."
            case .joined:
                "You are in, number \(seat.number). \(amount) is authorised on your card; you pay only if the deal tips."
            case .captured: "You are in and were charged; your voucher is in your account."
            case .rejected: "Your card was not authorised, so you are not in. Try another card."
            case .left: "You left this deal; the authorisation was released."
            case .captureFailed: "The deal tipped but your payment failed; the shop will contact you."
            case .voided, .refunded: "The deal did not go ahead; nothing was charged."
            }
        canLeave = seat.status == .joined
    }
}
