public import Foundation
public import TorvCore

/// A payment for one order, as the database holds it. Amounts only ever move through provider outcomes:
/// `authorized ≥ captured ≥ refunded`, each enforced by a CHECK on `payments`.
public struct Payment: Sendable, Hashable, Codable {
    public internal(set) var id: PaymentID
    /// The order (or other payable) this payment is for, by ID string: Payments does not know orders.
    public internal(set) var reference: String
    public internal(set) var method: PaymentMethod
    /// The provider that holds the money, by name (see ``PaymentProvider/name``).
    public internal(set) var provider: String
    public internal(set) var customerID: String?
    /// What the order asked for.
    public internal(set) var amount: Money
    public internal(set) var status: PaymentStatus
    public internal(set) var authorizedAmount: Money
    public internal(set) var capturedAmount: Money
    public internal(set) var refundedAmount: Money
    /// Refunds sent to the provider whose outcome is not yet recorded; reserved against the captured amount.
    public internal(set) var refundingAmount: Money
    /// What the provider charged for the capture, deducted from what it pays out.
    public internal(set) var feeAmount: Money
    /// The provider's own ID of the authorisation, for support staff and its dashboard.
    public internal(set) var providerReference: String?
    /// What the customer must do next (a 3-D Secure challenge) while the status is `requires_action`.
    public internal(set) var nextAction: NextAction?
    /// Why the last authorisation failed (`card_declined`, `insufficient_funds`, …).
    public internal(set) var failureReason: DeclineReason?
    /// For invoices: when the customer must have paid (authorisation time plus the net days).
    public internal(set) var dueAt: Date?
    public internal(set) var createdAt: Date
    public internal(set) var updatedAt: Date

    /// Captured money not yet refunded nor promised to a refund in flight.
    public var refundableAmount: Money {
        Money(
            minorUnits: capturedAmount.amount - refundedAmount.amount - refundingAmount.amount,
            currency: amount.currency)
    }
}

/// How the customer pays.
public enum PaymentMethod: Sendable, Hashable, Codable {
    /// A card, charged through the card provider.
    case card
    /// Pay by invoice (B2B) within `netDays` of authorisation.
    case invoice(netDays: Int)

    public var kind: PaymentMethodKind {
        switch self {
        case .card: .card
        case .invoice: .invoice
        }
    }
}

/// The method without its terms, which is what a provider declares it serves.
public enum PaymentMethodKind: String, Sendable, Hashable, Codable, CaseIterable {
    case card
    case invoice
}

/// Something the customer has to do before the provider decides.
public enum NextAction: Sendable, Hashable, Codable {
    /// Open `url` to pass the card issuer's challenge (3-D Secure).
    case challenge(url: String)
}

/// What a checkout asks to be paid. It names no status: a payment always starts `pending`.
public struct NewPayment: Sendable, Hashable {
    public var reference: String
    public var amount: Money
    public var method: PaymentMethod
    public var customerID: String?

    public init(reference: String, amount: Money, method: PaymentMethod, customerID: String? = nil) {
        self.reference = reference
        self.amount = amount
        self.method = method
        self.customerID = customerID
    }
}
