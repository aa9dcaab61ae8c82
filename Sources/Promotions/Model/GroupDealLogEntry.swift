public import Foundation

/// One line of a deal's public activity: who joined (by initials), who left, when it tipped and how it ended.
/// Public, so it carries no customer ID, name or email.
public enum GroupDealLogEntry: Sendable, Hashable, Codable {
    /// `participantNumber` is how many were in right after this join: "A. L. is number 7".
    case joined(participantNumber: Int, displayName: String, at: Date)
    case left(displayName: String, at: Date)
    /// The join that reached the minimum; at most once, since a tipped deal cannot be left.
    case tipped(at: Date, participants: Int)
    /// `participants` is how many were charged and hold a voucher.
    case succeeded(at: Date, participants: Int)
    case failed(at: Date)
}

/// Builds the public log from what is stored, so it needs no table of its own and cannot drift from it.
public enum GroupDealLog {
    /// Joins and leaves in time order, the tipping moment where the count first reached the minimum, and the
    /// outcome once settled.
    ///
    /// At one instant, leaves by earlier joiners come before joins: a join that reached the minimum would have
    /// made those leaves impossible, so this order can neither invent a tipping nor miss one. A shopper's own
    /// leave still follows their join.
    public static func entries(for deal: GroupDeal, participants: [GroupDealParticipant]) -> [GroupDealLogEntry] {
        enum Move: Int { case earlierLeave, join, leave }
        var moves: [(at: Date, move: Move, index: Int)] = []
        for (index, participant) in participants.enumerated() {
            moves.append((participant.joinedAt, .join, index))
            guard participant.state == .left else { continue }
            let leftAt = participant.leftAt ?? participant.joinedAt
            moves.append((leftAt, leftAt > participant.joinedAt ? .earlierLeave : .leave, index))
        }
        moves.sort { lhs, rhs in
            if lhs.at != rhs.at { return lhs.at < rhs.at }
            if lhs.move != rhs.move { return lhs.move.rawValue < rhs.move.rawValue }
            return lhs.index < rhs.index
        }
        var entries: [GroupDealLogEntry] = []
        var count = 0
        var tipped = false
        for move in moves {
            let participant = participants[move.index]
            switch move.move {
            case .join:
                count += 1
                entries.append(.joined(participantNumber: count, displayName: participant.displayName, at: move.at))
                if !tipped && count >= deal.minParticipants {
                    tipped = true
                    entries.append(.tipped(at: move.at, participants: count))
                }
            case .earlierLeave, .leave:
                count -= 1
                entries.append(.left(displayName: participant.displayName, at: move.at))
            }
        }
        let settledAt = deal.settledAt ?? deal.deadline
        switch deal.status {
        case .open: break
        case .succeeded:
            entries.append(.succeeded(at: settledAt, participants: participants.count { $0.state == .captured }))
        case .failed: entries.append(.failed(at: settledAt))
        }
        return entries
    }

    /// "Ada Lovelace" → "A. L.": the first letters of the first and last words, which is as much of a
    /// shopper as a public page may show; the join flow stores this, never the name, as the participant's
    /// display name. Anything with an `@` gives "" (the page shows "someone"): accounts without a name fall
    /// back to their email, and its letters are a piece of a private address, not initials.
    public static func initials(of name: String) -> String {
        guard !name.contains("@") else { return "" }
        let words = name.split(whereSeparator: { $0.isWhitespace }).compactMap { word in
            word.first(where: \.isLetter).map { String($0).uppercased() }
        }
        guard let first = words.first else { return "" }
        guard words.count > 1, let last = words.last else { return first + "." }
        return "\(first). \(last)."
    }
}
