import Crypto
public import Foundation

/// Signing and verification by the Standard Webhooks scheme (standardwebhooks.com): headers `webhook-id`,
/// `webhook-timestamp` (Unix seconds) and `webhook-signature`, a space-separated list of `v1,<base64>`
/// where each signature is HMAC-SHA256 over `"<id>.<timestamp>.<body>"`.
///
/// Several secrets sign and verify at once so a secret can be rotated without dropping events: the sender
/// signs with the old and the new secret, the receiver accepts either. Signatures are compared in constant
/// time (Crypto's `isValidAuthenticationCode`), and timestamps more than ``tolerance`` away from now, in
/// either direction, are refused so a captured request cannot be replayed later.
public struct StandardWebhooks: Sendable {
    /// Five minutes, the scheme's recommendation.
    public static let tolerance: TimeInterval = 300

    let keys: [[UInt8]]

    /// Secrets as raw bytes; the first signs first.
    public init(keys: [[UInt8]]) {
        precondition(!keys.isEmpty, "a webhook signer needs at least one secret")
        self.keys = keys
    }

    /// Secrets in the scheme's text form, `whsec_<base64>`; `nil` if one does not decode.
    public init?(secrets: [String]) {
        var keys: [[UInt8]] = []
        for secret in secrets {
            let encoded = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let bytes = Data(base64Encoded: encoded), !bytes.isEmpty else { return nil }
            keys.append(Array(bytes))
        }
        guard !keys.isEmpty else { return nil }
        self.keys = keys
    }

    /// The headers and body of a webhook `id` sent at `timestamp`, signed with every secret.
    public func sign(id: String, timestamp: Date, body: [UInt8]) -> SignedWebhook {
        let seconds = String(Int64(timestamp.timeIntervalSince1970.rounded(.down)))
        let content = Self.signedContent(id: id, timestamp: seconds, body: body)
        let signatures = keys.map { key in
            "v1,"
                + Data(HMAC<SHA256>.authenticationCode(for: content, using: SymmetricKey(data: key)))
                .base64EncodedString()
        }
        return SignedWebhook(
            headers: [
                "webhook-id": id, "webhook-timestamp": seconds, "webhook-signature": signatures.joined(separator: " "),
            ], body: body)
    }

    /// Checks the signature and the timestamp; returns the webhook's ID and time. Header names are matched
    /// case-insensitively, as HTTP requires.
    public func verify(
        headers: [String: String], body: [UInt8], now: Date
    ) throws(PaymentError) -> (id: String, timestamp: Date) {
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        guard let id = lowered["webhook-id"], !id.isEmpty, let stamp = lowered["webhook-timestamp"],
            let seconds = Int64(stamp), let header = lowered["webhook-signature"]
        else { throw .webhookSignatureInvalid }
        let content = Self.signedContent(id: id, timestamp: stamp, body: body)
        let candidates = header.split(separator: " ").compactMap { entry -> Data? in
            guard entry.hasPrefix("v1,") else { return nil }
            return Data(base64Encoded: String(entry.dropFirst(3)))
        }
        // Every candidate is checked against every key, with no early exit on a match, so timing says
        // nothing about which key or signature matched.
        var valid = false
        for signature in candidates {
            for key in keys
            where HMAC<SHA256>.isValidAuthenticationCode(
                signature, authenticating: content, using: SymmetricKey(data: key))
            {
                valid = true
            }
        }
        guard valid else { throw .webhookSignatureInvalid }
        let timestamp = Date(timeIntervalSince1970: Double(seconds))
        // Checked after the signature: an unsigned request learns nothing about our clock.
        guard abs(timestamp.timeIntervalSince(now)) <= Self.tolerance else { throw .webhookTimestampOutOfTolerance }
        return (id, timestamp)
    }

    static func signedContent(id: String, timestamp: String, body: [UInt8]) -> [UInt8] {
        Array("\(id).\(timestamp).".utf8) + body
    }
}
