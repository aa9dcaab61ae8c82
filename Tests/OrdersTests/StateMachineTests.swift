import Orders
import Testing
import TorvCore

@Suite("Order state machine")
struct StateMachineTests {
    /// Every allowed move, written out independently of the implementation's table.
    static let allowed: Set<[OrderStatus]> = [
        [.awaitingApproval, .placed], [.awaitingApproval, .cancelled],
        [.placed, .paid], [.placed, .cancelled],
        [.paid, .partiallyFulfilled], [.paid, .fulfilled], [.paid, .cancelled],
        [.partiallyFulfilled, .fulfilled],
        [.fulfilled, .delivered], [.fulfilled, .partiallyReturned], [.fulfilled, .returned],
        [.delivered, .partiallyReturned], [.delivered, .returned],
        [.partiallyReturned, .returned],
    ]

    static let allPairs: [(OrderStatus, OrderStatus)] = OrderStatus.allCases.flatMap { from in
        OrderStatus.allCases.map { (from, $0) }
    }

    @Test("every pair of statuses is allowed exactly when the table says so", arguments: allPairs)
    func transition(from: OrderStatus, to: OrderStatus) {
        if Self.allowed.contains([from, to]) {
            #expect(OrderStateMachine.canMove(from: from, to: to))
            #expect(throws: Never.self) { try OrderStateMachine.move(from: from, to: to) }
        } else {
            #expect(!OrderStateMachine.canMove(from: from, to: to))
            #expect(throws: OrdersError.invalidOrderTransition(from: from, to: to)) {
                try OrderStateMachine.move(from: from, to: to)
            }
        }
    }

    @Test("the refusal names both statuses and is a conflict")
    func refusalNamesStatuses() {
        let error = OrdersError.invalidOrderTransition(from: .delivered, to: .cancelled)
        #expect(error.code == "invalid_order_transition")
        #expect(error.kind == .conflict)
        #expect(error.message == "An order cannot go from delivered to cancelled.")
    }

    @Test(
        "one event may complete several steps: paid to delivered passes fulfilled",
        arguments: [
            (OrderStatus.paid, OrderStatus.delivered, [OrderStatus.fulfilled, .delivered]),
            (.partiallyFulfilled, .delivered, [.fulfilled, .delivered]),
            (.paid, .partiallyFulfilled, [.partiallyFulfilled]),
            (.fulfilled, .fulfilled, []),
        ])
    func paths(from: OrderStatus, to: OrderStatus, expected: [OrderStatus]) throws {
        #expect(try OrderStateMachine.path(from: from, to: to) == expected)
    }

    @Test("no path leads out of a cancelled or returned order")
    func terminalStatuses() {
        for terminal in [OrderStatus.cancelled, .returned] {
            for target in OrderStatus.allCases where target != terminal {
                #expect(throws: OrdersError.invalidOrderTransition(from: terminal, to: target)) {
                    try OrderStateMachine.path(from: terminal, to: target)
                }
            }
        }
    }

    @Test("a pick-up is never shipped and a parcel never collected")
    func fulfilmentKinds() {
        #expect(FulfilmentStateMachine.canMove(.shipping, from: .packed, to: .shipped))
        #expect(!FulfilmentStateMachine.canMove(.pickup, from: .packed, to: .shipped))
        #expect(FulfilmentStateMachine.canMove(.pickup, from: .packed, to: .readyForPickup))
        #expect(!FulfilmentStateMachine.canMove(.shipping, from: .packed, to: .readyForPickup))
        #expect(!FulfilmentStateMachine.canMove(.shipping, from: .shipped, to: .collected))
        #expect(!FulfilmentStateMachine.canMove(.pickup, from: .readyForPickup, to: .delivered))
        for kind in [FulfilmentKind.shipping, .pickup] {
            for to in FulfilmentStatus.allCases {
                #expect(!FulfilmentStateMachine.canMove(kind, from: .cancelled, to: to))
                #expect(!FulfilmentStateMachine.canMove(kind, from: .shipped, to: .cancelled))
                #expect(!FulfilmentStateMachine.canMove(kind, from: to, to: .pending))
            }
        }
    }

    @Test("returns move forward only, and a rejected or refunded return is final")
    func returnMachine() {
        let allowed: Set<[ReturnStatus]> = [
            [.requested, .approved], [.requested, .rejected], [.approved, .received], [.received, .inspected],
            [.received, .refunded], [.inspected, .refunded],
        ]
        for from in ReturnStatus.allCases {
            for to in ReturnStatus.allCases {
                #expect(ReturnStateMachine.canMove(from: from, to: to) == allowed.contains([from, to]))
            }
        }
    }
}
