/// The confirmation an order page shows after a form did its work (`?done=shipped`). Only these fixed
/// sentences are ever shown: the query names one, so nothing typed into the address bar reaches the page.
enum ConsoleOrderNotice: String, Sendable, CaseIterable {
    case noted
    case fulfilmentCreated = "fulfilment_created"
    case picked
    case packed
    case shipped
    case delivered
    case pickupCodeIssued = "pickup_code_issued"
    case collected
    case cancelled
    case refunded
    case refundPending = "refund_pending"
    case returnApproved = "return_approved"
    case returnRejected = "return_rejected"
    case returnReceived = "return_received"
    case returnInspected = "return_inspected"
    case returnRefunded = "return_refunded"
    case returnExchanged = "return_exchanged"

    var message: String {
        switch self {
        case .noted: "The note was added to the timeline."
        case .fulfilmentCreated: "A fulfilment was created. Pick, pack and ship it below."
        case .picked: "The fulfilment is marked picked."
        case .packed: "The fulfilment is marked packed."
        case .shipped: "The fulfilment was shipped; the tracking number is on the order."
        case .delivered: "The fulfilment is marked delivered."
        case .pickupCodeIssued:
            "The goods are ready for pick-up. The code was shown once; issue a new one if it was lost."
        case .collected: "The buyer collected the goods."
        case .cancelled: "The order was cancelled; its stock went back and its payment is voided or refunded."
        case .refunded: "The refund was made."
        case .refundPending: "The refund was sent to the payment provider; its answer is not in yet."
        case .returnApproved: "The return was approved."
        case .returnRejected: "The return was rejected."
        case .returnReceived: "The returned goods are marked received."
        case .returnInspected: "The return was inspected; restocked units are back on hand."
        case .returnRefunded: "The return was refunded."
        case .returnExchanged:
            "The exchange order was placed and paid with the return's value; what is left is refunded with the return."
        }
    }

    /// The order page's address with this confirmation.
    func location(of orderID: String) -> String {
        "/admin/orders/\(orderID)?done=\(rawValue)"
    }
}
