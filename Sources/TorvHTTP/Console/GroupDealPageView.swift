import Flows
import Foundation
import Promotions
import TorvCore

/// A group deal's console page: its terms, the tiers and which are reached, every place with its payment,
/// the settlement's outcome and the public log. Settlement runs by itself at the deadline (or once full),
/// so the page offers no action.
struct GroupDealPageView {
    let promotionTabs: [PromotionTabView]
    let dealName: String
    let dealPhaseLabel: String
    let dealPhaseBadge: String
    let dealNotice: String?
    let dealFigures: [PromotionPageView.Fact]
    let dealFacts: [PromotionPageView.Fact]
    let tierRows: [TierRow]
    let seatRows: [SeatRow]
    let hasSeatRows: Bool
    let settlementText: String
    let logLines: [String]
    let hasLogLines: Bool

    struct TierRow {
        let tierFrom: String
        let tierPrice: String
        let tierReached: String
    }

    struct SeatRow {
        let seatNumber: Int
        let seatName: String
        let seatQuantity: Int
        let seatUnitPrice: String
        let seatAuthorised: String
        let seatCaptured: String
        let seatStatus: String
        let seatJoined: String
    }

    init(_ shown: GroupDeals.Showing, redeemed: Bool = false, settings: ShopSettings) {
        dealNotice = redeemed ? "The voucher was redeemed: hand over the goods." : nil
        let deal = shown.deal
        let snapshot = shown.snapshot
        typealias Fact = PromotionPageView.Fact
        promotionTabs = PromotionTabView.tabs(current: .groupDeals)
        dealName = deal.title
        dealPhaseLabel = GroupDealListView.phaseText(shown.phase)
        dealPhaseBadge = "deal-\(shown.phase.rawValue)"
        dealFigures = [
            Fact(factLabel: "Participants", factText: GroupDealListView.participantsText(shown), factHref: nil),
            Fact(factLabel: "Price reached", factText: settings.money(shown.currentPrice), factHref: nil),
            Fact(
                factLabel: "Still needed", factText: "\(max(0, deal.minParticipants - shown.participants))",
                factHref: nil),
            Fact(
                factLabel: "Vouchers redeemed",
                factText: "\(snapshot.vouchers.count { $0.redeemedAt != nil }) of \(snapshot.vouchers.count)",
                factHref: nil),
        ]
        dealFacts =
            [
                Fact(factLabel: "SKU", factText: deal.sku, factHref: "/admin/catalog/products/\(deal.productID)"),
                Fact(factLabel: "Regular price", factText: settings.money(deal.regularPrice), factHref: nil),
                Fact(
                    factLabel: "Opens", factText: PromotionRuleView.moment(deal.opensAt, settings: settings),
                    factHref: nil),
                Fact(
                    factLabel: "Deadline", factText: PromotionRuleView.moment(deal.deadline, settings: settings),
                    factHref: nil),
                Fact(
                    factLabel: "Units per participant", factText: "at most \(deal.maxQuantityPerParticipant)",
                    factHref: nil),
                Fact(factLabel: "Vouchers valid", factText: "\(deal.voucherValidDays) days", factHref: nil),
            ]
            + (deal.tippedAt.map { [Fact(factLabel: "Tipped", factText: settings.dateTime($0), factHref: nil)] } ?? [])
        tierRows = deal.tiers.sorted { $0.fromParticipants < $1.fromParticipants }.map { tier in
            TierRow(
                tierFrom: "from \(tier.fromParticipants)", tierPrice: settings.money(tier.unitPrice),
                tierReached: shown.participants >= tier.fromParticipants ? "Reached" : "Not yet")
        }
        seatRows = snapshot.seats.sorted { $0.number < $1.number }.map { seat in
            let participant = seat.participant
            return SeatRow(
                seatNumber: seat.number, seatName: participant.displayName, seatQuantity: participant.quantity,
                seatUnitPrice: settings.money(participant.unitPrice),
                seatAuthorised: settings.money(participant.authorisedAmount),
                seatCaptured: participant.capturedAmount.map(settings.money) ?? "—",
                seatStatus: Self.seatText(seat.status), seatJoined: settings.dateTime(participant.joinedAt))
        }
        hasSeatRows = !seatRows.isEmpty
        settlementText = Self.settlement(shown, settings: settings)
        logLines = snapshot.log.map { Self.logText($0, settings: settings) }
        hasLogLines = !logLines.isEmpty
    }

    static func settlement(_ shown: GroupDeals.Showing, settings: ShopSettings) -> String {
        let deal = shown.deal
        let seats = shown.snapshot.seats
        let when = deal.settledAt.map { " on \(settings.dateTime($0))" } ?? ""
        switch deal.status {
        case .succeeded:
            let captured = seats.compactMap(\.participant.capturedAmount)
            let total = captured.dropFirst().reduce(captured.first) { sum, amount in
                sum.map { Money(minorUnits: $0.amount + amount.amount, currency: $0.currency) }
            }
            return "Succeeded\(when): \(captured.count) participants charged"
                + (total.map { " \(settings.money($0)) in all" } ?? "") + ", each holding a voucher."
                + (seats.contains { $0.status == .captureFailed }
                    ? " \(seats.count { $0.status == .captureFailed }) charges failed." : "")
        case .failed:
            return "Failed\(when): nobody was charged; every authorisation was voided or refunded."
        case .open:
            switch shown.phase {
            case .awaitingSettlement: return "The outcome is fixed; settlement is running."
            case .tipped: return "Tipped: it will go ahead at the deadline unless participants leave."
            default: return "Not settled yet: settlement runs at the deadline, or once the deal is full."
            }
        }
    }

    static func seatText(_ status: GroupDealSeatStatus) -> String {
        switch status {
        case .authorising: "Card being checked"
        case .rejected: "Card declined"
        case .joined: "Joined"
        case .left: "Left"
        case .captured: "Charged"
        case .captureFailed: "Charge failed"
        case .voided: "Released"
        case .refunded: "Refunded"
        }
    }

    static func logText(_ entry: GroupDealLogEntry, settings: ShopSettings) -> String {
        switch entry {
        case .joined(let number, let name, let at): "\(settings.dateTime(at)): \(name) joined as number \(number)"
        case .left(let name, let at): "\(settings.dateTime(at)): \(name) left"
        case .tipped(let at, let participants): "\(settings.dateTime(at)): tipped with \(participants) participants"
        case .succeeded(let at, let participants):
            "\(settings.dateTime(at)): succeeded with \(participants) participants"
        case .failed(let at): "\(settings.dateTime(at)): failed"
        }
    }
}
