public import Foundation

/// The virtual waiting room in front of a flash sale: shoppers get a place in arrival order and are
/// admitted at a steady rate, so a rush of 100,000 shoppers reaches checkout as a stream the shop can
/// serve instead of a stampede on one row.
///
/// Each place is given its admission moment when it is taken, by one guarded update of the queue's
/// head: the previous place's moment plus the spacing the rate allows, or the arrival itself when the
/// queue has drained. So places are admitted in arrival order, never faster than the rate (also after a
/// quiet spell), and every instance behind the load balancer agrees without sharing memory. An admitted
/// shopper has ``holdSeconds`` to claim units, and a claimed unit is held that long again.
public struct WaitingRoom: Sendable, Hashable, Codable {
    public var opensAt: Date
    public var admissionsPerMinute: Int
    public var holdSeconds: Int

    public init(opensAt: Date, admissionsPerMinute: Int, holdSeconds: Int) {
        self.opensAt = opensAt
        self.admissionsPerMinute = admissionsPerMinute
        self.holdSeconds = holdSeconds
    }

    /// Time between two admissions, in microseconds (the stored unit).
    public var spacingMicroseconds: Int64 { max(1, 60_000_000 / Int64(max(1, admissionsPerMinute))) }

    /// The admission moment of a place taken at `arrival` behind a place admitted at `previous`.
    public func admission(after previous: Date?, arrival: Date) -> Date {
        let earliest = max(arrival, opensAt)
        guard let previous else { return earliest }
        return max(earliest, previous.addingTimeInterval(Double(spacingMicroseconds) / 1_000_000))
    }

    /// Where a place admitted at `admissionAt` stands at `now`, given the sale's state.
    public func status(admissionAt: Date, at now: Date, sale: FlashSale) -> QueueStatus {
        switch sale.phase(at: now) {
        case .cancelled, .ended: return .closed
        case .soldOut: return .soldOut
        case .scheduled, .live: break
        }
        if now < admissionAt {
            let wait = Int64((admissionAt.timeIntervalSince(now) * 1_000_000).rounded(.down))
            return .waiting(ahead: Int(max(0, wait - 1) / spacingMicroseconds), admissionAt: admissionAt)
        }
        let until = admissionAt.addingTimeInterval(Double(holdSeconds))
        if now >= until { return .expired }
        return .admitted(until: until)
    }
}

/// Where a shopper's place in the waiting room stands.
public enum QueueStatus: Sendable, Hashable {
    /// About `ahead` shoppers are admitted first, at the configured rate.
    case waiting(ahead: Int, admissionAt: Date)
    /// May claim units until `until`.
    case admitted(until: Date)
    /// The admission window is over (units claimed in it stay held until their own expiry); the
    /// shopper may join again at the back.
    case expired
    /// Every unit is sold: nobody still waiting will get one.
    case soldOut
    /// The sale ended or was called off.
    case closed

    public var name: String {
        switch self {
        case .waiting: "waiting"
        case .admitted: "admitted"
        case .expired: "expired"
        case .soldOut: "sold_out"
        case .closed: "closed"
        }
    }
}

/// A shopper's place in a flash sale's waiting room.
public struct QueueTicket: Sendable, Hashable {
    public var saleID: FlashSaleID
    public var position: Int
    public var customerID: String
    public var joinedAt: Date
    public var admissionAt: Date
    /// Shown once, when the place is given; the store keeps its digest.
    public var token: String?

    public func status(at now: Date, in sale: FlashSale) -> QueueStatus {
        sale.room.status(admissionAt: admissionAt, at: now, sale: sale)
    }
}
