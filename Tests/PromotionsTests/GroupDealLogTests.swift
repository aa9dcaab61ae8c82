import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealLogTests {
    @Test(
        "the public log shows initials only, never a full name or an email",
        arguments: [
            ("Ada Lovelace", "A. L."), ("  ada   king lovelace ", "A. L."), ("Ada", "A."), ("Åsa Öberg", "Å. Ö."),
            ("Jean-Luc Picard", "J. P."), ("ada@example.com", ""), ("Ada <ada@example.com>", ""), ("", ""), ("  ", ""),
        ])
    func initials(name: String, shown: String) {
        #expect(GroupDealLog.initials(of: name) == shown)
    }

    @Test("joins and leaves in time order, the tipping moment once, and the outcome")
    func entries() {
        var deal = GroupDeal.fixture()
        var participants: [GroupDealParticipant] = [.fixture(1), .fixture(2), .fixture(3), .fixture(4)]
        participants[1].state = .left
        participants[1].leftAt = participants[2].joinedAt.addingTimeInterval(-60)
        let at = participants.map(\.joinedAt)
        #expect(
            GroupDealLog.entries(for: deal, participants: participants) == [
                .joined(participantNumber: 1, displayName: "P. 1.", at: at[0]),
                .joined(participantNumber: 2, displayName: "P. 2.", at: at[1]),
                .left(displayName: "P. 2.", at: at[2].addingTimeInterval(-60)),
                .joined(participantNumber: 2, displayName: "P. 3.", at: at[2]),
                .joined(participantNumber: 3, displayName: "P. 4.", at: at[3]),
                .tipped(at: at[3], participants: 3),
            ])
        deal.status = .succeeded
        deal.settledAt = GroupDealFixture.deadline
        for index in [0, 2, 3] { participants[index].state = .captured }
        #expect(
            GroupDealLog.entries(for: deal, participants: participants).last
                == .succeeded(at: GroupDealFixture.deadline, participants: 3))
        deal.status = .failed
        #expect(
            GroupDealLog.entries(for: deal, participants: participants).last == .failed(at: GroupDealFixture.deadline))
    }

    @Test("a leave and a join at the same instant do not invent a tipping")
    func sameInstant() {
        var participants: [GroupDealParticipant] = [.fixture(1), .fixture(2), .fixture(3)]
        let instant = participants[2].joinedAt
        participants[0].state = .left
        participants[0].leftAt = instant
        let entries = GroupDealLog.entries(for: .fixture(), participants: participants)
        #expect(!entries.contains { if case .tipped = $0 { true } else { false } })
        #expect(entries.last == .joined(participantNumber: 2, displayName: "P. 3.", at: instant))
    }
}
