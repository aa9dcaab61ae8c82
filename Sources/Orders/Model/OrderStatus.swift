/// Where an order is in its life. Stored as the raw value; clients switch on it.
public enum OrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// A B2B buyer ordered above their limit; someone at their company must approve it.
    case awaitingApproval = "awaiting_approval"
    case placed
    case paid
    /// Some units have shipped or been collected, not all.
    case partiallyFulfilled = "partially_fulfilled"
    /// Every unit that was not cancelled has shipped or been collected.
    case fulfilled
    /// Every fulfilment has arrived or been collected.
    case delivered
    case cancelled
    case partiallyReturned = "partially_returned"
    case returned
}

/// The order state machine as a pure rule: which status may follow which.
///
///     awaiting_approval → placed | cancelled
///     placed → paid | cancelled
///     paid → partially_fulfilled | fulfilled | cancelled
///     partially_fulfilled → fulfilled
///     fulfilled → delivered | partially_returned | returned
///     delivered → partially_returned | returned
///     partially_returned → returned
///
/// Cancelling also requires that nothing has shipped; that is a fact about the fulfilments, checked
/// where they are (a guarded update), not here.
public enum OrderStateMachine {
    public static let transitions: [OrderStatus: Set<OrderStatus>] = [
        .awaitingApproval: [.placed, .cancelled],
        .placed: [.paid, .cancelled],
        .paid: [.partiallyFulfilled, .fulfilled, .cancelled],
        .partiallyFulfilled: [.fulfilled],
        .fulfilled: [.delivered, .partiallyReturned, .returned],
        .delivered: [.partiallyReturned, .returned],
        .partiallyReturned: [.returned],
        .cancelled: [],
        .returned: [],
    ]

    public static func canMove(from: OrderStatus, to: OrderStatus) -> Bool {
        transitions[from]?.contains(to) ?? false
    }

    /// Returns `to` when the move is allowed; otherwise refuses with `invalid_order_transition`.
    public static func move(from: OrderStatus, to: OrderStatus) throws(OrdersError) -> OrderStatus {
        guard canMove(from: from, to: to) else { throw .invalidOrderTransition(from: from, to: to) }
        return to
    }

    /// The statuses an order passes through from `from` to reach `target`, when a single event (one
    /// pick-up of everything) completes several steps at once: paid → fulfilled → delivered.
    /// Empty when the order is already there; refuses when no path exists.
    public static func path(from: OrderStatus, to target: OrderStatus) throws(OrdersError) -> [OrderStatus] {
        if from == target { return [] }
        if canMove(from: from, to: target) { return [target] }
        for step in [OrderStatus.fulfilled] where canMove(from: from, to: step) && canMove(from: step, to: target) {
            return [step, target]
        }
        throw .invalidOrderTransition(from: from, to: target)
    }

    /// Cancellation is possible only before anything ships.
    public static let cancellable: Set<OrderStatus> = [.awaitingApproval, .placed, .paid]
    /// Fulfilments may be created once the order is paid and until everything is fulfilled.
    public static let fulfillable: Set<OrderStatus> = [.paid, .partiallyFulfilled]
    /// Returns may be requested once everything has been fulfilled.
    public static let returnable: Set<OrderStatus> = [.fulfilled, .delivered, .partiallyReturned]
}
