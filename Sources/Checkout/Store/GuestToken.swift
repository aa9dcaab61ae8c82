import Crypto
import Foundation

/// The secret a guest proves cart ownership with. 256 random bits, so it cannot be guessed; only its
/// SHA-256 is stored, so a leaked database does not hand out carts. A fast hash suffices for a random
/// secret of this length (there is no password to brute-force).
enum GuestToken {
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
