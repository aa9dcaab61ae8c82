import Payments
import Testing
import TorvCore

@Suite("Payment state machine")
struct PaymentStateMachineTests {
    static let transitions: [PaymentTransition] = [
        .authorizationApproved, .authorizationNeedsAction, .authorizationDeclined, .captureSucceeded, .captureFailed,
        .voidSucceeded, .voidFailed, .refundSucceeded(fully: true), .refundSucceeded(fully: false),
        .refundFailed(partlyRefunded: true), .refundFailed(partlyRefunded: false), .outcomeUnknown,
    ]

    /// Every legal move. Anything not listed here must be refused (checked exhaustively below).
    static let legal: [PaymentStatus: [PaymentTransition: PaymentStatus]] = [
        .pending: [
            .authorizationApproved: .authorized, .authorizationNeedsAction: .requiresAction,
            .authorizationDeclined: .failed, .outcomeUnknown: .unknown,
        ],
        .failed: [
            .authorizationApproved: .authorized, .authorizationNeedsAction: .requiresAction,
            .authorizationDeclined: .failed, .outcomeUnknown: .unknown,
        ],
        .requiresAction: [
            .authorizationApproved: .authorized, .authorizationDeclined: .failed, .outcomeUnknown: .unknown,
        ],
        .authorized: [
            .captureSucceeded: .captured, .captureFailed: .authorized, .voidSucceeded: .voided,
            .voidFailed: .authorized, .outcomeUnknown: .unknown,
        ],
        .captured: [
            .refundSucceeded(fully: true): .refunded, .refundSucceeded(fully: false): .partiallyRefunded,
            .refundFailed(partlyRefunded: false): .captured, .outcomeUnknown: .unknown,
        ],
        .partiallyRefunded: [
            .refundSucceeded(fully: true): .refunded, .refundSucceeded(fully: false): .partiallyRefunded,
            .refundFailed(partlyRefunded: true): .partiallyRefunded, .outcomeUnknown: .unknown,
        ],
        .unknown: [
            .authorizationApproved: .authorized, .authorizationNeedsAction: .requiresAction,
            .authorizationDeclined: .failed, .captureSucceeded: .captured, .captureFailed: .authorized,
            .voidSucceeded: .voided, .voidFailed: .authorized, .refundSucceeded(fully: true): .refunded,
            .refundSucceeded(fully: false): .partiallyRefunded, .refundFailed(partlyRefunded: true): .partiallyRefunded,
            .refundFailed(partlyRefunded: false): .captured, .outcomeUnknown: .unknown,
        ],
        .refunded: [:],
        .voided: [:],
    ]

    static var cases: [(PaymentStatus, PaymentTransition)] {
        PaymentStatus.allCases.flatMap { status in transitions.map { (status, $0) } }
    }

    @Test("every status × transition is either the listed move or invalid_state_transition", arguments: cases)
    func table(status: PaymentStatus, transition: PaymentTransition) throws {
        if let expected = Self.legal[status]?[transition] {
            #expect(try status.after(transition) == expected)
        } else {
            #expect(throws: PaymentError.invalidStateTransition(from: status, transition: transition.description)) {
                try status.after(transition)
            }
        }
    }

    @Test("the table covers every status")
    func coverage() {
        #expect(Set(Self.legal.keys) == Set(PaymentStatus.allCases))
        let illegal = Self.cases.filter { Self.legal[$0.0]?[$0.1] == nil }.count
        #expect(illegal == PaymentStatus.allCases.count * Self.transitions.count - 36)
    }

    @Test("no outcome moves a payment back to pending, and refunded and voided are final")
    func noRegression() {
        for (status, transition) in Self.cases {
            let next = try? status.after(transition)
            #expect(next != .pending)
            if status.isFinal { #expect(next == nil) }
        }
    }

    @Test(
        "which operations may start from which status",
        arguments: [
            (PaymentStatus.pending, [PaymentOperationKind.authorization]),
            (.failed, [.authorization]),
            (.requiresAction, []),
            (.authorized, [.capture, .void]),
            (.captured, [.refund]),
            (.partiallyRefunded, [.refund]),
            (.refunded, []),
            (.voided, []),
            (.unknown, []),
        ])
    func starting(status: PaymentStatus, allowed: [PaymentOperationKind]) {
        for kind in PaymentOperationKind.allCases {
            #expect(status.allows(kind) == allowed.contains(kind), "\(status) \(kind)")
        }
    }
}
