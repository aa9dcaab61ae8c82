import Foundation
import Orders
import Payments

/// How the back office names statuses: words staff read at a glance, never a colour alone.
enum ConsoleOrderWords {
    static func status(_ status: OrderStatus) -> String {
        switch status {
        case .awaitingApproval: "Awaiting approval"
        case .placed: "Placed, unpaid"
        case .paid: "Paid, to fulfil"
        case .partiallyFulfilled: "Partly fulfilled"
        case .fulfilled: "Fulfilled"
        case .delivered: "Delivered"
        case .cancelled: "Cancelled"
        case .partiallyReturned: "Partly returned"
        case .returned: "Returned"
        }
    }

    static func fulfilment(_ status: FulfilmentStatus) -> String {
        switch status {
        case .pending: "To pick"
        case .picked: "Picked"
        case .packed: "Packed"
        case .shipped: "Shipped"
        case .delivered: "Delivered"
        case .readyForPickup: "Ready for pick-up"
        case .collected: "Collected"
        case .cancelled: "Cancelled"
        }
    }

    static func returnStatus(_ status: ReturnStatus) -> String {
        switch status {
        case .requested: "Requested"
        case .approved: "Approved, on its way back"
        case .rejected: "Rejected"
        case .received: "Received"
        case .inspected: "Inspected"
        case .refunded: "Refunded"
        }
    }

    static func subOrder(_ status: SubOrderStatus) -> String {
        switch status {
        case .open: "Open, with the seller"
        case .shipped: "Shipped by the seller"
        case .delivered: "Delivered"
        case .cancelled: "Cancelled"
        }
    }

    static func payment(_ status: PaymentStatus) -> String {
        switch status {
        case .pending: "Pending"
        case .requiresAction: "Waiting for the buyer's bank check"
        case .authorized: "Authorised, not captured"
        case .captured: "Captured"
        case .partiallyRefunded: "Partly refunded"
        case .refunded: "Refunded"
        case .voided: "Voided"
        case .failed: "Failed"
        case .unknown: "Unknown, being checked with the provider"
        }
    }

    static func paymentMethod(_ method: PaymentMethod) -> String {
        switch method {
        case .card: "Card"
        case .invoice(let days): "Invoice, \(days) days"
        }
    }

    static func refund(_ status: PaymentAttemptStatus) -> String {
        switch status {
        case .succeeded: "made"
        case .failed: "failed"
        case .pending, .requiresAction, .unknown: "waiting for the provider"
        }
    }

    /// `fulfilment.ready_for_pickup` → "Fulfilment ready for pickup".
    static func event(_ kind: String) -> String {
        let words = kind.replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
