/// A provider outcome as the payment state machine sees it.
public enum PaymentTransition: Sendable, Hashable, CustomStringConvertible {
    case authorizationApproved
    case authorizationNeedsAction
    case authorizationDeclined
    case captureSucceeded
    case captureFailed
    case voidSucceeded
    case voidFailed
    /// `fully`: the refunds now add up to the captured amount.
    case refundSucceeded(fully: Bool)
    /// `partlyRefunded`: earlier refunds exist, so the payment falls back to `partially_refunded`.
    case refundFailed(partlyRefunded: Bool)
    /// The provider did not answer; the outcome must be looked up.
    case outcomeUnknown

    public var description: String {
        switch self {
        case .authorizationApproved: "authorization_approved"
        case .authorizationNeedsAction: "authorization_needs_action"
        case .authorizationDeclined: "authorization_declined"
        case .captureSucceeded: "capture_succeeded"
        case .captureFailed: "capture_failed"
        case .voidSucceeded: "void_succeeded"
        case .voidFailed: "void_failed"
        case .refundSucceeded(let fully): "refund_succeeded(fully: \(fully))"
        case .refundFailed(let partly): "refund_failed(partly_refunded: \(partly))"
        case .outcomeUnknown: "outcome_unknown"
        }
    }
}

extension PaymentStatus {
    /// The status after `transition`, or `invalid_state_transition`. Pure: the store applies it under a row
    /// lock after the attempt's own guarded update has admitted the outcome exactly once.
    ///
    /// `unknown` remembers nothing of the status before it; the outcome that resolves it says where to go
    /// (a failed capture leaves the payment authorised, a failed refund leaves it captured or partially
    /// refunded), so each of those transitions is legal from `unknown` as well as from its usual status.
    public func after(_ transition: PaymentTransition) throws(PaymentError) -> PaymentStatus {
        guard let next = Self.table(self, transition) else {
            throw .invalidStateTransition(from: self, transition: transition.description)
        }
        return next
    }

    private static func table(_ status: PaymentStatus, _ transition: PaymentTransition) -> PaymentStatus? {
        switch (status, transition) {
        case (.pending, .authorizationApproved), (.failed, .authorizationApproved),
            (.requiresAction, .authorizationApproved), (.unknown, .authorizationApproved):
            .authorized
        case (.pending, .authorizationNeedsAction), (.failed, .authorizationNeedsAction),
            (.unknown, .authorizationNeedsAction):
            .requiresAction
        case (.pending, .authorizationDeclined), (.failed, .authorizationDeclined),
            (.requiresAction, .authorizationDeclined), (.unknown, .authorizationDeclined):
            .failed
        case (.authorized, .captureSucceeded), (.unknown, .captureSucceeded): .captured
        case (.authorized, .captureFailed), (.unknown, .captureFailed): .authorized
        case (.authorized, .voidSucceeded), (.unknown, .voidSucceeded): .voided
        case (.authorized, .voidFailed), (.unknown, .voidFailed): .authorized
        case (.captured, .refundSucceeded(let fully)), (.partiallyRefunded, .refundSucceeded(let fully)),
            (.unknown, .refundSucceeded(let fully)):
            fully ? .refunded : .partiallyRefunded
        case (.captured, .refundFailed(false)), (.unknown, .refundFailed(false)): .captured
        case (.partiallyRefunded, .refundFailed(true)), (.unknown, .refundFailed(true)): .partiallyRefunded
        case (.pending, .outcomeUnknown), (.failed, .outcomeUnknown), (.requiresAction, .outcomeUnknown),
            (.authorized, .outcomeUnknown), (.captured, .outcomeUnknown), (.partiallyRefunded, .outcomeUnknown),
            (.unknown, .outcomeUnknown):
            .unknown
        default: nil
        }
    }

    /// Whether an operation of `kind` may start from this status. A second authorisation may follow a
    /// declined one (another card); captures and voids need a live authorisation; refunds need captured
    /// money. The store restates each condition in its guarded UPDATE.
    public func allows(_ kind: PaymentOperationKind) -> Bool {
        Self.starting[kind]?.contains(self) ?? false
    }

    static let starting: [PaymentOperationKind: Set<PaymentStatus>] = [
        .authorization: [.pending, .failed],
        .capture: [.authorized],
        .void: [.authorized],
        .refund: [.captured, .partiallyRefunded],
    ]

    /// Statuses in which no operation can ever start again.
    public var isFinal: Bool { self == .refunded || self == .voided }
}
