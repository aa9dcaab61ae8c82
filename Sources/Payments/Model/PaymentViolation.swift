public import TorvCore

/// A broken invariant found by ``Payments/verifyInvariants(on:)``. Any of these means data was changed
/// outside Payments' code (or a bug): the audit reports, an operator repairs.
public struct PaymentViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The authorised amount is not that of the payment's successful authorisation (0 without one).
        case authorizedDiffersFromAttempts = "authorized_differs_from_attempts"
        /// The captured amount is not that of the payment's successful capture.
        case capturedDiffersFromAttempts = "captured_differs_from_attempts"
        /// The refunded amount is not the sum of its successful refunds.
        case refundedDiffersFromAttempts = "refunded_differs_from_attempts"
        /// The amount promised to refunds in flight is not the sum of its open refunds.
        case refundingDiffersFromAttempts = "refunding_differs_from_attempts"
        /// The call marked in flight is not an open attempt of this payment.
        case inFlightWithoutOpenAttempt = "in_flight_without_open_attempt"
    }

    public var kind: Kind
    public var paymentID: PaymentID
    /// What the payment row says, in minor units.
    public var recorded: Int64
    /// What its attempts say.
    public var expected: Int64

    public init(kind: Kind, paymentID: PaymentID, recorded: Int64, expected: Int64) {
        self.kind = kind
        self.paymentID = paymentID
        self.recorded = recorded
        self.expected = expected
    }

    public var description: String {
        "\(kind.rawValue): payment \(paymentID) records \(recorded), its attempts say \(expected)"
    }
}
