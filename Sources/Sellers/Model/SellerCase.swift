public import Foundation

/// Why an offer was reported.
public enum CaseReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not the genuine article (reported by a buyer or the rights owner).
    case counterfeit
    /// An item the marketplace does not allow.
    case prohibited
    /// Condition, title or photos do not match the item.
    case misleading
}

/// Who reported: a buyer (signed-in customer), a rights owner (brand, by e-mail), or the operator.
public enum CaseReporter: String, Sendable, Hashable, Codable, CaseIterable {
    case buyer
    case rightsOwner = "rights_owner"
    case `operator`
}

/// `open → awaiting_decision (the seller answered) → taken_down | restored`; the operator may decide
/// without an answer.
public enum CaseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    case awaitingDecision = "awaiting_decision"
    case takenDown = "taken_down"
    case restored

    public var isDecided: Bool { self == .takenDown || self == .restored }
}

/// One step of a case, kept forever: the trail a dispute or a regulator reads.
public struct CaseEvent: Sendable, Hashable, Codable {
    public let action: String
    public let actor: String
    public let note: String?
    public let at: Date

    public init(action: String, actor: String, note: String?, at: Date) {
        self.action = action
        self.actor = actor
        self.note = note
        self.at = at
    }
}

/// A report about one offer and how it was handled.
public struct SellerCase: Sendable, Hashable, Codable {
    public let id: SellerCaseID
    public let offerID: SellerOfferID
    public let sellerID: SellerID
    public let reason: CaseReason
    public let reporter: CaseReporter
    /// The customer (`cus_…`) or the rights owner's e-mail; shown to the operator, not to the seller.
    public let reporterContact: String
    public let description: String
    public let evidenceURLs: [String]
    public var status: CaseStatus
    public var sellerResponse: String?
    public var decisionReason: String?
    public var events: [CaseEvent]
    public let openedAt: Date
    public var decidedAt: Date?

    public init(
        id: SellerCaseID, offerID: SellerOfferID, sellerID: SellerID, reason: CaseReason, reporter: CaseReporter,
        reporterContact: String, description: String, evidenceURLs: [String], status: CaseStatus,
        sellerResponse: String?, decisionReason: String?, events: [CaseEvent], openedAt: Date, decidedAt: Date?
    ) {
        self.id = id
        self.offerID = offerID
        self.sellerID = sellerID
        self.reason = reason
        self.reporter = reporter
        self.reporterContact = reporterContact
        self.description = description
        self.evidenceURLs = evidenceURLs
        self.status = status
        self.sellerResponse = sellerResponse
        self.decisionReason = decisionReason
        self.events = events
        self.openedAt = openedAt
        self.decidedAt = decidedAt
    }
}

/// A report as it arrives.
public struct CaseReport: Sendable, Hashable {
    public var offerID: SellerOfferID
    public var reason: CaseReason
    public var reporter: CaseReporter
    public var reporterContact: String
    public var description: String
    public var evidenceURLs: [String]

    public init(
        offerID: SellerOfferID, reason: CaseReason, reporter: CaseReporter, reporterContact: String,
        description: String, evidenceURLs: [String] = []
    ) {
        self.offerID = offerID
        self.reason = reason
        self.reporter = reporter
        self.reporterContact = reporterContact
        self.description = description
        self.evidenceURLs = evidenceURLs
    }
}
