/// The cards ``TestCardProvider`` knows, chosen as PSP sandboxes do: by number.
///
/// | number              | behaviour                                                                 |
/// |---------------------|---------------------------------------------------------------------------|
/// | 4242 4242 4242 4242 | approves (so does any other Luhn-valid number not listed here)            |
/// | 4000 0000 0000 9995 | declines with `insufficient_funds`                                        |
/// | 4000 0000 0000 0002 | declines with `card_declined`                                             |
/// | 4000 0000 0000 3220 | requires a 3-D Secure challenge (`requires_action` with a challenge URL)  |
/// | 4000 0000 0000 7700 | times out after charging: we see `unknown`, a lookup finds the charge     |
/// | 4000 0000 0000 8807 | times out before charging: we see `unknown`, a lookup finds nothing       |
/// | not Luhn-valid      | declines with `invalid_number`                                            |
public enum TestCard: Sendable, Hashable {
    public static let approves = "4242424242424242"
    public static let insufficientFunds = "4000000000009995"
    public static let declines = "4000000000000002"
    public static let requiresChallenge = "4000000000003220"
    public static let timesOutAfterCharge = "4000000000007700"
    public static let timesOutBeforeCharge = "4000000000008807"

    case approve
    case decline(DeclineReason)
    case challenge
    case timeOutAfterCharge
    case timeOutBeforeCharge

    /// The behaviour of `number` (spaces ignored).
    public static func behaviour(of number: String) -> TestCard {
        let digits = number.filter { $0 != " " }
        guard isLuhnValid(digits) else { return .decline(DeclineReason(rawValue: "invalid_number")) }
        return switch digits {
        case insufficientFunds: .decline(.insufficientFunds)
        case declines: .decline(.cardDeclined)
        case requiresChallenge: .challenge
        case timesOutAfterCharge: .timeOutAfterCharge
        case timesOutBeforeCharge: .timeOutBeforeCharge
        default: .approve
        }
    }

    /// The Luhn checksum every card number carries (ISO/IEC 7812-1).
    public static func isLuhnValid(_ digits: String) -> Bool {
        guard (12...19).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else {
            return false
        }
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            var digit = character.wholeNumberValue ?? 0
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
