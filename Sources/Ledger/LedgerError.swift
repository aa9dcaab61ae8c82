public import TorvCore

/// The ledger's refusals, with stable codes.
public enum LedgerError: DomainError, Equatable {
    case accountNotFound(String)
    case accountCodeTaken(String)
    case entryNotFound
    /// The source key already posted a different entry: an event must not post two versions.
    case sourceKeyConflict(String)
    case alreadyReversed

    public var code: String {
        switch self {
        case .accountNotFound: "account_not_found"
        case .accountCodeTaken: "account_code_taken"
        case .entryNotFound: "entry_not_found"
        case .sourceKeyConflict: "source_key_conflict"
        case .alreadyReversed: "already_reversed"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .accountNotFound: .invalid
        case .entryNotFound: .notFound
        case .accountCodeTaken, .sourceKeyConflict, .alreadyReversed: .conflict
        }
    }

    public var message: String {
        switch self {
        case .accountNotFound(let code): "There is no account \(code) in the chart."
        case .accountCodeTaken(let code): "Account \(code) exists already."
        case .entryNotFound: "There is no such journal entry."
        case .sourceKeyConflict(let key): "\(key) has already posted a different entry."
        case .alreadyReversed: "The entry has been reversed already."
        }
    }

}
