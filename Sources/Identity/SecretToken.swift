import Crypto
import Foundation

/// Random bearer secrets and their stored digests.
///
/// Tokens carry 256 bits from the system CSPRNG, so a plain SHA-256 is the right digest (a slow
/// password hash buys nothing against guessing 2^256 values) and lookups stay O(1).
enum SecretToken {
    static func random(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two digests in time independent of where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// The token formats, recognisable at a glance and by secret scanners.
enum TokenKind: String {
    case staffSession = "torv_ss_"
    case customerSession = "torv_cs_"
    case sellerSession = "torv_xs_"
    case secondFactorChallenge = "torv_sf_"
    case apiKey = "torv_sk_"

    static func of(_ token: String) -> TokenKind? {
        [.staffSession, .customerSession, .sellerSession, .secondFactorChallenge, .apiKey].first {
            token.hasPrefix($0.rawValue)
        }
    }
}
