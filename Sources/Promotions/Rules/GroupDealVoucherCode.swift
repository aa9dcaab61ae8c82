/// Voucher codes a merchant can read off a phone and type: `K7QM-2XHP-9CRT`.
///
/// Twelve characters from the 30 that cannot be mistaken for one another (no `0`/`O`, `1`/`I`/`L`, nor `U`,
/// the same alphabet as generated coupon codes) give about 59 bits: guessing one live code is hopeless even
/// with millions issued. The store's unique key on the code catches the rare collision, and the caller
/// generates again.
public enum GroupDealVoucherCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")
    static let groups = 3
    static let groupLength = 4

    /// A new code from `generator`: the system's generator in production, a seeded one in tests.
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        let characters = (0..<groups * groupLength).map { _ in
            alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]
        }
        return grouped(characters)
    }

    /// The canonical form of what a merchant typed, or `nil` if it cannot be a voucher code: case, spaces and
    /// dashes do not matter ("k7qm 2xhp9crt" is `K7QM-2XHP-9CRT`), anything outside the alphabet does.
    public static func normalise(_ text: String) -> String? {
        let characters = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        guard characters.count == groups * groupLength, characters.allSatisfy(alphabet.contains) else { return nil }
        return grouped(Array(characters))
    }

    private static func grouped(_ characters: [Character]) -> String {
        stride(from: 0, to: characters.count, by: groupLength)
            .map { String(characters[$0..<min($0 + groupLength, characters.count)]) }
            .joined(separator: "-")
    }
}
