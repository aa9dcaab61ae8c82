public import Foundation
public import TorvCore

/// A card PSP simulated in process, for tests, demos and development; behaviour is chosen by the card
/// number (see ``TestCard``).
///
/// It behaves like a remote service where it matters: it keeps its own record of every call by our
/// idempotency key (a repeated call returns the first answer; ``lookup(_:)`` finds what a timed-out call
/// did), it refuses captures and refunds beyond what it holds, and it reports asynchronous outcomes
/// (challenge completed, capture settled, refund settled) as signed Standard Webhooks that the caller
/// collects with ``drainWebhooks()`` and delivers — duplicated or out of order, if a test likes.
public actor TestCardProvider: PaymentProvider {
    public nonisolated let name: String
    public nonisolated let method = PaymentMethodKind.card
    nonisolated let signer: StandardWebhooks
    nonisolated let clock: WallClock
    /// Where a shopper completes a 3-D Secure challenge: the reference is appended. `torv serve` serves
    /// a simulated bank page at `/test-psp/3ds/`.
    nonisolated let challengeURLPrefix: String

    /// One authorisation the PSP holds, by its reference.
    struct Charge {
        let key: String
        let amount: Money
        var outcome: ProviderOutcome
        var captured: Int64 = 0
        var refunded: Int64 = 0
        var voided = false
    }

    private var charges: [String: Charge] = [:]
    /// Every answer given, by idempotency key.
    private var answers: [String: ProviderOutcome] = [:]
    private var outbox: [SignedWebhook] = []
    private var counter = 0
    private var pendingTimeouts: [PaymentOperationKind: Bool] = [:]

    /// The secret used in tests and development when none is configured.
    public static let developmentSecret = Array("torv-test-card-provider-webhook-secret".utf8)

    public init(
        name: String = "test_card", webhookKeys: [[UInt8]] = [developmentSecret], clock: WallClock = .system,
        challengeURLPrefix: String = "https://psp.test/3ds/"
    ) {
        self.name = name
        self.challengeURLPrefix = challengeURLPrefix
        self.signer = StandardWebhooks(keys: webhookKeys)
        self.clock = clock
    }

    public func authorize(_ request: AuthorizationRequest) async throws -> ProviderOutcome {
        if let answer = answers[request.idempotencyKey] { return answer }
        guard case .card(let number) = request.instrument else {
            return answer(.declined(reason: .rejected), for: request.idempotencyKey)
        }
        let reference = nextReference("ch")
        switch TestCard.behaviour(of: number) {
        case .approve:
            charges[reference] = Charge(
                key: request.idempotencyKey, amount: request.amount, outcome: .succeeded(reference: reference))
            return answer(.succeeded(reference: reference), for: request.idempotencyKey)
        case .decline(let reason):
            return answer(.declined(reason: reason, reference: reference), for: request.idempotencyKey)
        case .challenge:
            let outcome = ProviderOutcome.actionRequired(
                reference: reference, challengeURL: challengeURLPrefix + reference)
            charges[reference] = Charge(key: request.idempotencyKey, amount: request.amount, outcome: outcome)
            return answer(outcome, for: request.idempotencyKey)
        case .timeOutAfterCharge:
            charges[reference] = Charge(
                key: request.idempotencyKey, amount: request.amount, outcome: .succeeded(reference: reference))
            _ = answer(.succeeded(reference: reference), for: request.idempotencyKey)
            emit(.succeeded(reference: reference), for: request.idempotencyKey)
            throw TestCardProviderError.timedOut
        case .timeOutBeforeCharge:
            throw TestCardProviderError.timedOut
        }
    }

    /// The simulated processor's price for a capture, like a European card acquirer's: 1.5 % plus 25
    /// minor units, rounded half to even, never more than the capture.
    public static func captureFee(on amount: Money) -> Money {
        let percent = (try? amount.scaled(by: 15, over: 1_000)) ?? .zero(amount.currency)
        return Money(minorUnits: min(amount.amount, percent.amount + 25), currency: amount.currency)
    }

    public func capture(_ request: OperationRequest) async throws -> ProviderOutcome {
        try operate(request, kind: .capture) { charge in
            guard case .succeeded = charge.outcome, !charge.voided, charge.captured == 0,
                request.amount.amount <= charge.amount.amount
            else { return false }
            charge.captured = request.amount.amount
            return true
        }
    }

    public func void(_ request: OperationRequest) async throws -> ProviderOutcome {
        try operate(request, kind: .void) { charge in
            guard case .succeeded = charge.outcome, !charge.voided, charge.captured == 0 else { return false }
            charge.voided = true
            return true
        }
    }

    public func refund(_ request: OperationRequest) async throws -> ProviderOutcome {
        try operate(request, kind: .refund) { charge in
            guard charge.refunded + request.amount.amount <= charge.captured else { return false }
            charge.refunded += request.amount.amount
            return true
        }
    }

    public func lookup(_ idempotencyKey: String) async throws -> ProviderOutcome? {
        answers[idempotencyKey]
    }

    public nonisolated func verifyWebhook(
        headers: [String: String], body: [UInt8], now: Date
    ) throws(PaymentError) -> ProviderEvent {
        let (id, _) = try signer.verify(headers: headers, body: body, now: now)
        return try WebhookBody.decode(body, provider: name, id: id)
    }

    // MARK: Simulation controls

    /// The customer passes (`approve`) or fails the challenge of the charge `reference`; the outcome is
    /// reported by webhook. Returns false when no challenge is waiting there.
    @discardableResult
    public func completeChallenge(_ reference: String, approve: Bool) -> Bool {
        guard var charge = charges[reference], case .actionRequired = charge.outcome else { return false }
        charge.outcome =
            approve ? .succeeded(reference: reference) : .declined(reason: .authenticationFailed, reference: reference)
        charges[reference] = charge
        answers[charge.key] = charge.outcome
        emit(charge.outcome, for: charge.key)
        return true
    }

    /// The amount a challenge waiting at `reference` would authorise, or `nil` when none waits there
    /// (what the simulated bank page shows the shopper).
    public func pendingChallenge(_ reference: String) -> Money? {
        guard let charge = charges[reference], case .actionRequired = charge.outcome else { return nil }
        return charge.amount
    }

    /// The next call of `kind` times out, after doing its work (`afterProcessing`) or before.
    public func timeOutNext(_ kind: PaymentOperationKind, afterProcessing: Bool) {
        pendingTimeouts[kind] = afterProcessing
    }

    /// The webhooks sent since the last drain, oldest first.
    public func drainWebhooks() -> [SignedWebhook] {
        defer { outbox.removeAll() }
        return outbox
    }

    // MARK: Internals

    private func operate(
        _ request: OperationRequest, kind: PaymentOperationKind, _ change: (inout Charge) -> Bool
    ) throws -> ProviderOutcome {
        if let answer = answers[request.idempotencyKey] { return answer }
        let timeout = pendingTimeouts.removeValue(forKey: kind)
        if timeout == false { throw TestCardProviderError.timedOut }
        guard var charge = charges[request.authorizationReference], change(&charge) else {
            return answer(.declined(reason: .rejected), for: request.idempotencyKey)
        }
        charges[request.authorizationReference] = charge
        let prefix =
            switch kind {
            case .capture: "cap"
            case .void: "void"
            case .refund: "re"
            case .authorization: "ch"
            }
        let fee = kind == .capture ? Self.captureFee(on: request.amount) : nil
        let outcome = answer(.succeeded(reference: nextReference(prefix), fee: fee), for: request.idempotencyKey)
        // Captures and refunds settle later at a real PSP; the webhook confirms what the answer said.
        if kind != .void { emit(outcome, for: request.idempotencyKey) }
        if timeout == true { throw TestCardProviderError.timedOut }
        return outcome
    }

    private func answer(_ outcome: ProviderOutcome, for key: String) -> ProviderOutcome {
        answers[key] = outcome
        return outcome
    }

    /// Unguessable, like a real PSP's: a challenge URL carries the reference, and whoever holds it can
    /// pass the challenge.
    private func nextReference(_ prefix: String) -> String {
        counter += 1
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt64, radix: 16)
        return "\(prefix)_test_\(counter)_\(random)"
    }

    private func emit(_ outcome: ProviderOutcome, for key: String) {
        let now = clock.now()
        let body = WebhookBody(outcome: outcome, idempotencyKey: key, occurredAt: now).encoded()
        outbox.append(signer.sign(id: "msg_\(UUID().uuidString.lowercased())", timestamp: now, body: body))
    }
}

/// Transport failures the simulated PSP produces.
public enum TestCardProviderError: Error, Sendable {
    case timedOut
}
