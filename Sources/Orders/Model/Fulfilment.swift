public import Foundation
public import TorvCore

/// Where a fulfilment is. Shipping goes pending → picked → packed → shipped → delivered; pick-up goes
/// pending → picked → packed → ready_for_pickup → collected. Picking and packing may be skipped.
public enum FulfilmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case picked
    case packed
    case shipped
    case delivered
    case readyForPickup = "ready_for_pickup"
    case collected
    case cancelled

    /// Units have left the building: they count as shipped for the order and may be returned.
    public var hasShipped: Bool { [.shipped, .delivered, .collected].contains(self) }
    /// The buyer has the goods.
    public var isComplete: Bool { self == .delivered || self == .collected }
}

/// Whether a fulfilment goes out by carrier or waits at a location for the buyer.
public enum FulfilmentKind: String, Sendable, Hashable, Codable {
    case shipping
    case pickup
}

/// The fulfilment state machine as a pure rule.
public enum FulfilmentStateMachine {
    public static let transitions: [FulfilmentStatus: Set<FulfilmentStatus>] = [
        .pending: [.picked, .packed, .shipped, .readyForPickup, .cancelled],
        .picked: [.packed, .shipped, .readyForPickup, .cancelled],
        .packed: [.shipped, .readyForPickup, .cancelled],
        .shipped: [.delivered],
        .readyForPickup: [.collected, .readyForPickup, .cancelled],
        .delivered: [],
        .collected: [],
        .cancelled: [],
    ]

    /// Whether `kind` allows moving `from` → `to`: a pick-up is never shipped and a parcel never collected.
    public static func canMove(_ kind: FulfilmentKind, from: FulfilmentStatus, to: FulfilmentStatus) -> Bool {
        switch (kind, to) {
        case (.pickup, .shipped), (.pickup, .delivered), (.shipping, .readyForPickup), (.shipping, .collected):
            return false
        default:
            return transitions[from]?.contains(to) ?? false
        }
    }

    /// The statuses from which `to` may be reached for `kind`.
    static func sources(of to: FulfilmentStatus, kind: FulfilmentKind) -> [FulfilmentStatus] {
        FulfilmentStatus.allCases.filter { canMove(kind, from: $0, to: to) }
    }
}

/// Units of one order line in a fulfilment.
public struct FulfilmentLine: Sendable, Hashable, Codable {
    public var lineID: OrderLineID
    public var sku: String
    public var quantity: Int
}

/// One parcel, or one pick-up, of some of an order's units.
public struct Fulfilment: Sendable, Hashable, Codable, Identifiable {
    public var id: FulfilmentID
    public var orderID: OrderID
    public var kind: FulfilmentKind
    public var status: FulfilmentStatus
    /// The Inventory location the goods leave from (or wait at), by ID.
    public var locationID: String?
    public var lines: [FulfilmentLine]
    public var carrier: String?
    public var trackingNumber: String?
    /// Wrong pick-up codes entered since the code was issued.
    public var pickupAttempts: Int
    public var createdAt: Date
    public var updatedAt: Date
}

/// A fulfilment that is ready for pick-up, with the code to give the buyer. Only a hash of the code
/// is stored: this is the one moment the code exists in clear.
public struct PickupReady: Sendable, Hashable {
    public var fulfilment: Fulfilment
    public var code: String
}
