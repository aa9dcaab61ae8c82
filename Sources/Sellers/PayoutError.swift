public import TorvCore

/// Refusals of seller balances, statements and payouts, with stable codes.
public enum PayoutError: DomainError, Hashable {
    /// The amount has the wrong sign for its kind (a negative sale, a positive fee) or is zero.
    case invalidSign(index: Int, kind: SellerMovementKind)
    /// A movement key or reference is empty or longer than 200 characters.
    case invalidKey(index: Int)
    /// Payout movements are written by payout runs alone.
    case payoutNotRecordable(index: Int)
    /// The key was used before for a different movement.
    case movementKeyReused(key: String)
    /// An adjustment needs a note saying why.
    case noteRequired
    /// A payout run's key was used before with another minimum or currency.
    case runKeyReused
    case runNotFound
    case payoutNotFound
    /// Only a scheduled payout can be marked paid or failed.
    case payoutNotScheduled(SellerPayoutStatus)
    /// The statement's period is empty, reversed or longer than a year.
    case invalidPeriod
    /// More lines than one statement may hold: ask for a shorter period.
    case statementTooLong(maximum: Int)

    public var code: String {
        switch self {
        case .invalidSign: "invalid_movement_sign"
        case .invalidKey: "invalid_movement_key"
        case .payoutNotRecordable: "payout_not_recordable"
        case .movementKeyReused: "movement_key_reused"
        case .noteRequired: "note_required"
        case .runKeyReused: "run_key_reused"
        case .runNotFound: "payout_run_not_found"
        case .payoutNotFound: "payout_not_found"
        case .payoutNotScheduled: "payout_not_scheduled"
        case .invalidPeriod: "invalid_period"
        case .statementTooLong: "statement_too_long"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invalidSign, .invalidKey, .noteRequired, .invalidPeriod: .invalid
        case .payoutNotRecordable, .statementTooLong: .unprocessable
        case .movementKeyReused, .runKeyReused, .payoutNotScheduled: .conflict
        case .runNotFound, .payoutNotFound: .notFound
        }
    }

    public var message: String {
        switch self {
        case .invalidSign(_, let kind):
            "A \(kind.rawValue) movement has the wrong sign: sales and fee refunds are positive; fees, refunds, "
                + "chargebacks and payouts negative; an adjustment is never zero."
        case .invalidKey: "Every movement needs a key and a reference of 1 to 200 characters."
        case .payoutNotRecordable: "Payout movements are written by payout runs only."
        case .movementKeyReused(let key): "The key \(key) was used before for a different movement."
        case .noteRequired: "Say why: the seller sees the note on their statement."
        case .runKeyReused: "This run key was used before with another minimum or currency."
        case .runNotFound: "There is no such payout run."
        case .payoutNotFound: "There is no such payout."
        case .payoutNotScheduled(let status): "The payout is \(status.rawValue) already."
        case .invalidPeriod: "The period must start before it ends and last at most 366 days."
        case .statementTooLong(let maximum):
            "The period holds more than \(maximum) movements; ask for a shorter one."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .invalidSign(let index, _):
            [FieldError(pointer: "/\(index)/amount", message: "has the wrong sign for its kind", code: code)]
        case .invalidKey(let index):
            [FieldError(pointer: "/\(index)/key", message: "must be 1 to 200 characters", code: code)]
        case .noteRequired: [FieldError(pointer: "/note", message: "is required", code: code)]
        default: []
        }
    }
}
