import Foundation
import Sellers
import Testing
import TorvCore

@Suite("The buy request state table")
struct BuyRequestStatusTests {
    static let table: [(BuyRequestStatus, BuyRequestMove, Int, BuyRequestStatus?)] = [
        (.open, .filled, 10, .closed),
        (.open, .close, 0, .closed),
        (.open, .close, 3, .closed),
        (.open, .cancel, 0, .cancelled),
        (.open, .cancel, 3, nil),
        (.open, .expire, 3, .expired),
    ]

    @Test("an open request moves as the table says", arguments: table)
    func openMoves(from: BuyRequestStatus, move: BuyRequestMove, accepted: Int, to: BuyRequestStatus?) {
        #expect(from.after(move, acceptedQuantity: accepted) == to)
    }

    @Test(
        "closed, expired and cancelled are final",
        arguments: [BuyRequestStatus.closed, .expired, .cancelled], BuyRequestMove.allCases)
    func endsAreFinal(status: BuyRequestStatus, move: BuyRequestMove) {
        #expect(status.after(move, acceptedQuantity: 0) == nil)
    }

    @Test("an open request past its deadline reads as expired; an ended one keeps its end")
    func effectiveStatus() {
        let deadline = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(BuyRequestStatus.effective(.open, deadline: deadline, at: deadline.addingTimeInterval(-1)) == .open)
        #expect(BuyRequestStatus.effective(.open, deadline: deadline, at: deadline) == .expired)
        #expect(BuyRequestStatus.effective(.closed, deadline: deadline, at: deadline.addingTimeInterval(60)) == .closed)
        #expect(
            BuyRequestStatus.effective(.cancelled, deadline: deadline, at: deadline.addingTimeInterval(-60))
                == .cancelled)
    }

    @Test("the new ID prefixes follow the rules")
    func prefixes() {
        #expect(BuyRequestPrefix.isValidPrefix && BuyResponsePrefix.isValidPrefix)
        #expect(BuyRequestPrefix.prefix != BuyResponsePrefix.prefix)
    }
}
