/// Human-friendly numbers for orders (`T-100023`) and returns (`R-100007`): a letter and a sequence
/// number from a counter row, so support staff can read them over the phone.
public enum HumanNumber {
    public static let orderPrefix = "T-"
    public static let returnPrefix = "R-"

    static func order(_ sequence: Int) -> String { orderPrefix + String(sequence) }
    static func returnAuthorisation(_ sequence: Int) -> String { returnPrefix + String(sequence) }
}
