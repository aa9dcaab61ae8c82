import Foundation
import TorvCore

/// A webhook as sent over HTTP: the Standard Webhooks headers and the raw body.
public struct SignedWebhook: Sendable, Hashable {
    public let headers: [String: String]
    public let body: [UInt8]

    public init(headers: [String: String], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    /// The `webhook-id` header.
    public var id: String { headers["webhook-id"] ?? "" }
}

/// The JSON body our providers send. Real PSPs each have their own; this one carries our idempotency key.
struct WebhookBody: Codable, Sendable {
    var type: String
    var idempotencyKey: String
    var reference: String?
    var challengeURL: String?
    var declineReason: String?
    var dueAt: Int64?
    var feeAmount: Int64?
    var feeCurrency: String?
    var occurredAt: Int64

    enum CodingKeys: String, CodingKey {
        case type
        case idempotencyKey = "idempotency_key"
        case reference
        case challengeURL = "challenge_url"
        case declineReason = "decline_reason"
        case dueAt = "due_at"
        case feeAmount = "fee_amount"
        case feeCurrency = "fee_currency"
        case occurredAt = "occurred_at"
    }

    init(outcome: ProviderOutcome, idempotencyKey: String, occurredAt: Date) {
        self.idempotencyKey = idempotencyKey
        self.occurredAt = Int64(occurredAt.timeIntervalSince1970)
        switch outcome {
        case .succeeded(let reference, let dueAt, let fee):
            type = "succeeded"
            self.reference = reference
            self.dueAt = dueAt.map { Int64($0.timeIntervalSince1970) }
            feeAmount = fee?.amount
            feeCurrency = fee?.currency.code
        case .actionRequired(let reference, let url):
            type = "action_required"
            self.reference = reference
            challengeURL = url
        case .declined(let reason, let reference):
            type = "declined"
            declineReason = reason.rawValue
            self.reference = reference
        case .unknown(let reason):
            type = "unknown"
            declineReason = reason
        }
    }

    var outcome: ProviderOutcome? {
        switch type {
        case "succeeded":
            guard let reference else { return nil }
            let fee = feeAmount.flatMap { amount in
                feeCurrency.flatMap(Currency.init(code:)).map { Money(minorUnits: amount, currency: $0) }
            }
            return ProviderOutcome.succeeded(
                reference: reference, dueAt: dueAt.map { Date(timeIntervalSince1970: Double($0)) }, fee: fee)
        case "action_required":
            guard let reference, let challengeURL else { return nil }
            return ProviderOutcome.actionRequired(reference: reference, challengeURL: challengeURL)
        case "declined":
            guard let declineReason else { return nil }
            return ProviderOutcome.declined(reason: DeclineReason(rawValue: declineReason), reference: reference)
        default:
            return nil
        }
    }

    static func decode(_ body: [UInt8], provider: String, id: String) throws(PaymentError) -> ProviderEvent {
        guard let decoded = try? JSONDecoder().decode(WebhookBody.self, from: Data(body)),
            let outcome = decoded.outcome, !decoded.idempotencyKey.isEmpty
        else { throw .webhookPayloadInvalid }
        return ProviderEvent(
            provider: provider, id: id, idempotencyKey: decoded.idempotencyKey, outcome: outcome,
            occurredAt: Date(timeIntervalSince1970: Double(decoded.occurredAt)))
    }

    func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return Array((try? encoder.encode(self)) ?? Data())
    }
}
