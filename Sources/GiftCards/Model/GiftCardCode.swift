import Crypto
import Foundation

/// Gift card codes: 16 characters from an alphabet without look-alikes (no 0/O, 1/I/L, U), 78 bits of
/// randomness, so guessing a live code is hopeless even with the balance endpoint's rate limit gone.
/// Only a SHA-256 digest is stored: a database dump does not hand out spendable codes.
public enum GiftCardCode {
    static let alphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")
    static let length = 16

    /// A fresh code, formatted in groups of four.
    public static func generate<R: RandomNumberGenerator>(using generator: inout R) -> String {
        let characters = (0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))] }
        return stride(from: 0, to: length, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// What the shopper typed, without spaces or dashes and upper-cased; `nil` when it cannot be a code.
    public static func normalized(_ text: String) -> String? {
        let compact = text.uppercased().filter { $0 != "-" && $0 != " " }
        guard compact.count == length, compact.allSatisfy({ alphabet.contains($0) }) else { return nil }
        return compact
    }

    static func digest(ofNormalized code: String) -> String {
        SHA256.hash(data: Data(code.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
