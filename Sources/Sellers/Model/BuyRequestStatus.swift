public import Foundation

/// What a buy request is for.
public enum BuyRequestKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The business buys used items from consumers (buy-back): conditions it takes and a price ceiling.
    case tradeIn = "trade_in"
    /// The business asks sellers to quote for goods it needs by a date.
    case quote
}

/// The grades a trade-in accepts, from best to worst.
public enum TradeInCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case likeNew = "like_new"
    case good
    case fair
    case forParts = "for_parts"
}

/// `open → closed | expired | cancelled`; the three ends are final.
public enum BuyRequestStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    /// All the wanted quantity was accepted, or the poster closed it keeping what it accepted.
    case closed
    /// The deadline passed while open.
    case expired
    /// The poster withdrew it before accepting anything.
    case cancelled

    /// The status a reader sees: an open request past its deadline is expired whether or not the sweep
    /// has written that down yet, so no response can slip in after the deadline.
    public static func effective(_ stored: BuyRequestStatus, deadline: Date, at now: Date) -> BuyRequestStatus {
        stored == .open && now >= deadline ? .expired : stored
    }
}

/// What can happen to a buy request.
public enum BuyRequestMove: String, Sendable, Hashable, CaseIterable {
    /// An acceptance brought the accepted quantity up to the wanted quantity.
    case filled
    /// The poster ends it, keeping what it accepted.
    case close
    /// The poster withdraws it; only while nothing is accepted.
    case cancel
    /// The deadline passed.
    case expire
}

extension BuyRequestStatus {
    /// The state table: where `move` takes a request in this status, or `nil` when it is refused.
    public func after(_ move: BuyRequestMove, acceptedQuantity: Int) -> BuyRequestStatus? {
        switch (self, move) {
        case (.open, .filled), (.open, .close): .closed
        case (.open, .cancel): acceptedQuantity == 0 ? .cancelled : nil
        case (.open, .expire): .expired
        case (.closed, _), (.expired, _), (.cancelled, _): nil
        }
    }
}

/// `open → accepted | declined | withdrawn`; a respondent edits or withdraws only while open.
public enum BuyResponseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case accepted
    case declined
    case withdrawn
}
