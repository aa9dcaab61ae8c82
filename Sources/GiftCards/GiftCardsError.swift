public import TorvCore

/// Gift cards' refusals, with stable codes that clients switch on. Field problems are collected into a
/// `ValidationError`; the rest are thrown on their own.
public enum GiftCardsError: DomainError, Hashable {
    // MARK: Field problems (collected)
    case invalidValue
    case customerRequired
    case expiryInPast
    case invalidNote(maximum: Int)
    case invalidCode
    case keyRequired

    // MARK: Refusals
    /// No card has this code or ID. The same answer for a wrong code and an unknown one.
    case cardNotFound
    case cardDisabled
    case cardExpired
    case cardEmpty
    /// Store credit belongs to one customer; someone else tried to spend it.
    case notYourStoreCredit
    case currencyMismatch(card: Currency, order: Currency)
    /// The same card was named twice for one payment.
    case cardRepeated
    /// The issue key was used before for a different card.
    case issueKeyReused
    /// A refund onto a card would exceed what the card paid for the order.
    case refundExceedsRedeemed(outstanding: Money)

    public var code: String {
        switch self {
        case .invalidValue: "invalid_value"
        case .customerRequired: "customer_required"
        case .expiryInPast: "expiry_in_past"
        case .invalidNote: "invalid_note"
        case .invalidCode: "invalid_gift_card_code"
        case .keyRequired: "key_required"
        case .cardNotFound: "gift_card_not_found"
        case .cardDisabled: "gift_card_disabled"
        case .cardExpired: "gift_card_expired"
        case .cardEmpty: "gift_card_empty"
        case .notYourStoreCredit: "store_credit_not_yours"
        case .currencyMismatch: "gift_card_currency_mismatch"
        case .cardRepeated: "gift_card_repeated"
        case .issueKeyReused: "issue_key_reused"
        case .refundExceedsRedeemed: "refund_exceeds_redeemed"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .cardNotFound: .notFound
        case .issueKeyReused, .refundExceedsRedeemed: .conflict
        case .cardDisabled, .cardExpired, .cardEmpty, .notYourStoreCredit, .currencyMismatch, .cardRepeated:
            .unprocessable
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .invalidValue: "must be a positive amount of at most 10000000.00"
        case .customerRequired: "store credit must name the customer it belongs to"
        case .expiryInPast: "must be in the future"
        case .invalidNote(let maximum): "must be at most \(maximum) characters"
        case .invalidCode: "is not a gift card code (16 letters and digits)"
        case .keyRequired: "is required (1 to 200 characters)"
        case .cardNotFound: "No gift card has this code."
        case .cardDisabled: "This gift card has been disabled; contact the shop."
        case .cardExpired: "This gift card has expired."
        case .cardEmpty: "This gift card has no balance left."
        case .notYourStoreCredit: "This store credit belongs to another customer."
        case .currencyMismatch(let card, let order):
            "This card is in \(card.code) and cannot pay for an order in \(order.code)."
        case .cardRepeated: "The same gift card was given twice."
        case .issueKeyReused: "This key already issued a different card."
        case .refundExceedsRedeemed(let outstanding):
            "The card paid only \(outstanding) of this order that is not yet given back."
        }
    }
}
