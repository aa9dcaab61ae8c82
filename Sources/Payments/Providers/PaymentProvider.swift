public import Foundation
public import TorvCore

/// A payment service provider (PSP) or payment method back end, reached over the network.
///
/// Every call carries our idempotency key (``PaymentAttempt/idempotencyKey``): the provider must answer a
/// repeated call with the first call's result, and ``lookup(_:)`` must find what a call did even when its
/// answer was lost. Calls may throw for transport failures (timeouts, refused connections); ``Payments``
/// turns those into ``ProviderOutcome/unknown(reason:)`` and never guesses.
public protocol PaymentProvider: Sendable {
    /// Stable name stored on payments and used to route webhooks (`"test_card"`, `"invoice"`).
    var name: String { get }
    /// The method this provider serves.
    var method: PaymentMethodKind { get }

    func authorize(_ request: AuthorizationRequest) async throws -> ProviderOutcome
    func capture(_ request: OperationRequest) async throws -> ProviderOutcome
    func void(_ request: OperationRequest) async throws -> ProviderOutcome
    func refund(_ request: OperationRequest) async throws -> ProviderOutcome
    /// What the provider knows of the call made with `idempotencyKey`; `nil` when it never received it.
    func lookup(_ idempotencyKey: String) async throws -> ProviderOutcome?
    /// Checks an inbound webhook's signature and timestamp against `now` and decodes it. Pure.
    func verifyWebhook(headers: [String: String], body: [UInt8], now: Date) throws(PaymentError) -> ProviderEvent
}

/// An authorisation request.
public struct AuthorizationRequest: Sendable, Hashable {
    public let idempotencyKey: String
    public let paymentID: PaymentID
    public let amount: Money
    public let instrument: PaymentInstrument
    /// For invoices.
    public let netDays: Int?
    public let reference: String
}

/// A capture, void or refund request against an authorisation.
public struct OperationRequest: Sendable, Hashable {
    public let idempotencyKey: String
    public let paymentID: PaymentID
    /// The authorisation's provider reference.
    public let authorizationReference: String
    public let amount: Money
}

/// The provider's answer to one call, as ``Payments/record(_:of:on:)`` takes it.
public enum ProviderOutcome: Sendable, Hashable {
    /// Done. `reference` is the provider's ID for it; `dueAt` is an invoice's due date; `fee` what the
    /// provider keeps of a capture.
    case succeeded(reference: String, dueAt: Date? = nil, fee: Money? = nil)
    /// The customer must pass a challenge first; the answer arrives later by webhook.
    case actionRequired(reference: String, challengeURL: String)
    /// Refused, for `reason`.
    case declined(reason: DeclineReason, reference: String? = nil)
    /// No answer: the provider may or may not have acted. Reconciliation asks it.
    case unknown(reason: String)
}

/// Why a provider refused. A struct rather than an enum: real providers have many more codes, and an
/// unforeseen one must still be stored and shown.
public struct DeclineReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let cardDeclined = DeclineReason(rawValue: "card_declined")
    public static let insufficientFunds = DeclineReason(rawValue: "insufficient_funds")
    /// The customer failed or abandoned the 3-D Secure challenge.
    public static let authenticationFailed = DeclineReason(rawValue: "authentication_failed")
    /// Reconciliation found that the provider never received the call.
    public static let notProcessed = DeclineReason(rawValue: "not_processed")
    /// The provider refused the call itself (e.g. capturing more than it authorised).
    public static let rejected = DeclineReason(rawValue: "rejected")
}

/// An inbound webhook, verified and decoded: the outcome of the call with our `idempotencyKey`.
public struct ProviderEvent: Sendable, Hashable {
    public let provider: String
    /// The provider's event ID (`webhook-id`): applied at most once.
    public let id: String
    public let idempotencyKey: String
    public let outcome: ProviderOutcome
    public let occurredAt: Date

    public init(provider: String, id: String, idempotencyKey: String, outcome: ProviderOutcome, occurredAt: Date) {
        self.provider = provider
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.outcome = outcome
        self.occurredAt = occurredAt
    }
}

/// What ``Payments/apply(_:on:)`` did with a webhook.
public enum WebhookApplication: Sendable, Hashable {
    /// The event recorded its attempt's outcome.
    case applied(Payment)
    /// This event ID was applied before; nothing changed.
    case duplicate
    /// The attempt already has its outcome (from the call's own answer, a lookup or another event);
    /// applying this one would move the payment backwards, so nothing changed.
    case stale
}
