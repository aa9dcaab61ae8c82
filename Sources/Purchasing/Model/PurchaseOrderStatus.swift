/// Where a purchase order stands. Orders move forward only:
/// `draft → sent → partially_received → received → billed → closed`, or `cancelled` from draft or sent
/// while nothing has arrived. A short delivery the supplier will not complete is closed by hand with
/// a reason.
public enum PurchaseOrderStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case draft
    case sent
    case partiallyReceived = "partially_received"
    case received
    case billed
    case closed
    case cancelled

    /// Whether goods are still expected: these orders count as stock on order.
    public var isOpenForReceipt: Bool { Self.sources(of: .receive).contains(self) }
}

/// The staff and system actions that move a purchase order.
public enum PurchaseOrderAction: String, Sendable, Hashable, CaseIterable {
    case edit
    case send
    case receive
    case returnGoods = "return"
    case bill
    case close
    case cancel
}

extension PurchaseOrderStatus {
    /// The states `action` may start from. Every transition is one guarded UPDATE whose
    /// `WHERE status IN (…)` is this list, so two concurrent changes can never skip a state.
    public static func sources(of action: PurchaseOrderAction) -> [PurchaseOrderStatus] {
        switch action {
        case .edit, .send: [.draft]
        case .receive: [.sent, .partiallyReceived]
        case .returnGoods: [.partiallyReceived, .received, .billed]
        case .bill: [.received]
        // Closing a billed order is the normal end; closing a short delivery needs a reason.
        case .close: [.partiallyReceived, .received, .billed]
        case .cancel: [.draft, .sent]
        }
    }

    /// Whether closing from this state needs a reason (anything but a fully billed order).
    public var closingNeedsReason: Bool { self != .billed }
}
