import Flows
import Foundation
import Promotions
import TorvCore

/// A flash sale and the shopper's place in its waiting room: the reduction with its honest prior price,
/// the live "n left", and what the shopper can do now (queue, wait, buy, or learn it sold out).
struct FlashSaleView {
    let saleID: String
    let saleTitle: String
    let salePriceText: String
    let regularPriceText: String?
    let priorPriceText: String?
    let leftCount: Int
    let saleQuantity: Int
    let perCustomerLimit: Int
    let phaseText: String
    let untilISO: String
    let untilText: String
    let canQueue: Bool
    let signedIn: Bool
    let place: PlaceView?
    let flashProblem: String?

    init(
        _ showing: FlashSales.Showing, place: FlashSales.Place?, signedIn: Bool, problem: String?, now: Date,
        settings: ShopSettings
    ) {
        let sale = showing.sale
        saleID = sale.id.rawValue
        saleTitle = sale.title
        salePriceText = settings.money(sale.price)
        regularPriceText = showing.regularPrice.map(settings.money)
        priorPriceText = showing.priorPrice.map(settings.money)
        leftCount = sale.left
        saleQuantity = sale.quantity
        perCustomerLimit = sale.perCustomerLimit
        let until = showing.phase == .scheduled ? sale.startsAt : sale.endsAt
        untilISO = until.ISO8601Format()
        untilText = settings.dateTime(until)
        phaseText =
            switch showing.phase {
            case .scheduled: "Starts soon"
            case .live: "On now, while stocks last"
            case .soldOut: "Sold out"
            case .ended: "Ended"
            case .cancelled: "Called off"
            }
        canQueue = showing.phase == .live || showing.phase == .scheduled
        self.signedIn = signedIn
        self.place = place.map { PlaceView($0, now: now, settings: settings) }
        flashProblem = problem
    }
}

struct PlaceView {
    let waiting: Bool
    let admitted: Bool
    let gone: Bool
    let positionText: String
    let placeText: String

    init(_ place: FlashSales.Place, now: Date, settings: ShopSettings) {
        switch place.status {
        case .waiting(let ahead, let admissionAt):
            waiting = true
            admitted = false
            gone = false
            positionText = "\(ahead)"
            let seconds = max(0, Int(admissionAt.timeIntervalSince(now).rounded(.up)))
            placeText =
                "\(ahead == 1 ? "1 shopper is" : "\(ahead) shoppers are") ahead of you. Your turn in about \(seconds) s: "
                + "keep this page open, it refreshes itself."
        case .admitted(let until):
            waiting = false
            admitted = true
            gone = false
            positionText = ""
            placeText = "It is your turn: buy before \(settings.dateTime(until)), then the next shopper's turn comes."
        case .expired:
            (waiting, admitted, gone, positionText) = (false, false, true, "")
            placeText = "Your turn has passed. You can queue again at the back."
        case .soldOut:
            (waiting, admitted, gone, positionText) = (false, false, true, "")
            placeText = "Sold out: every unit is taken. Nobody still waiting will get one."
        case .closed:
            (waiting, admitted, gone, positionText) = (false, false, true, "")
            placeText = "The sale has ended."
        }
    }
}
