import Crypto
import Foundation

/// The 6-digit code a buyer shows to collect an order. Only a salted SHA-256 of it is stored.
///
/// A million codes can be searched offline from a stolen hash, so the hash protects against casual
/// reading of the database, not against an attacker with a dump; at the counter the limited number of
/// attempts (``Orders/maximumPickupAttempts``) is what protects the goods.
enum PickupCode {
    static func generate() -> String {
        var random = SystemRandomNumberGenerator()
        return String(format: "%06d", Int.random(in: 0..<1_000_000, using: &random))
    }

    static func salt() -> String {
        var random = SystemRandomNumberGenerator()
        return (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &random)) }.joined()
    }

    static func hash(_ code: String, salt: String) -> String {
        SHA256.hash(data: Data((salt + ":" + code).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in constant time, so response timing does not reveal how much of a guess was right.
    static func matches(_ code: String, salt: String, hash expected: String) -> Bool {
        let actual = Array(hash(code, salt: salt).utf8)
        let wanted = Array(expected.utf8)
        guard actual.count == wanted.count else { return false }
        var difference: UInt8 = 0
        for (lhs, rhs) in zip(actual, wanted) { difference |= lhs ^ rhs }
        return difference == 0
    }
}
