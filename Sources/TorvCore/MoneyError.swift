/// Why a money operation refused to produce a value. Money never wraps, truncates or guesses: every
/// operation that could lose a cent throws one of these instead.
public enum MoneyError: DomainError, Equatable {
    /// Amounts in different currencies were combined; conversion is a business decision, never implicit.
    case currencyMismatch(Currency, Currency)
    /// The result does not fit in 64 bits of minor units.
    case overflow
    /// Text or a value that is not an acceptable amount; the payload says why, for the caller.
    case invalidAmount(String)
    /// Ratios, part counts or a denominator that cannot be used to divide money.
    case invalidAllocation(String)

    public var code: String {
        switch self {
        case .currencyMismatch: "currency_mismatch"
        case .overflow: "amount_overflow"
        case .invalidAmount: "invalid_amount"
        case .invalidAllocation: "invalid_allocation"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .currencyMismatch, .overflow: .unprocessable
        case .invalidAmount, .invalidAllocation: .invalid
        }
    }

    public var message: String {
        switch self {
        case .currencyMismatch(let lhs, let rhs): "Cannot combine amounts in \(lhs.code) and \(rhs.code)."
        case .overflow: "The amount is too large."
        case .invalidAmount(let reason): "Invalid amount: \(reason)."
        case .invalidAllocation(let reason): "Invalid allocation: \(reason)."
        }
    }
}
