public import Foundation
public import TorvCore

/// Pay by invoice with net terms, for B2B customers. No network and no money moves here:
///
/// - **authorise** approves at once and sets the due date to now plus the payment's net days (credit
///   checks and limits are not modelled yet);
/// - **capture** issues the invoice: the receivable exists from then on. Collecting it (bank transfer
///   matching, dunning) belongs to the finance module, not to Payments;
/// - **void** cancels the invoice before it is issued;
/// - **refund** records a credit note against the issued invoice.
///
/// Every answer is derived from our idempotency key, so repeating a call returns the same reference. It
/// never times out, so it never needs a lookup, and it sends no webhooks.
public struct InvoiceProvider: PaymentProvider {
    public let name: String
    public let method = PaymentMethodKind.invoice
    let clock: WallClock

    public init(name: String = "invoice", clock: WallClock = .system) {
        self.name = name
        self.clock = clock
    }

    public func authorize(_ request: AuthorizationRequest) async throws -> ProviderOutcome {
        let days = Double(request.netDays ?? 0)
        return .succeeded(
            reference: "inv_\(request.idempotencyKey)", dueAt: clock.now().addingTimeInterval(days * 86_400))
    }

    public func capture(_ request: OperationRequest) async throws -> ProviderOutcome {
        .succeeded(reference: "\(request.authorizationReference)_issued")
    }

    public func void(_ request: OperationRequest) async throws -> ProviderOutcome {
        .succeeded(reference: "\(request.authorizationReference)_cancelled")
    }

    public func refund(_ request: OperationRequest) async throws -> ProviderOutcome {
        .succeeded(reference: "cn_\(request.idempotencyKey)")
    }

    /// Invoices never time out, so there is nothing to look up.
    public func lookup(_ idempotencyKey: String) async throws -> ProviderOutcome? { nil }

    /// Invoices send no webhooks: any that claims to come from here is refused.
    public func verifyWebhook(
        headers: [String: String], body: [UInt8], now: Date
    ) throws(PaymentError) -> ProviderEvent {
        throw .webhookSignatureInvalid
    }
}
