import Identity

/// The forms on an order page, each posted under `/admin/orders/{order_id}/` and each guarded by the
/// permission the equivalent admin API operation declares in the OpenAPI document.
enum ConsoleOrderAction: String, Sendable, CaseIterable {
    /// addOrderNote: `notes`
    case note
    /// createFulfilment: `fulfilments`
    case fulfil
    /// progressFulfilment: `fulfilments/{fulfilment_id}/{step}`
    case fulfilmentStep = "fulfilment_step"
    /// cancelOrder: `cancel`
    case cancel
    /// refundOrder: `refunds`
    case refund
    /// progressReturn: `returns/{return_id}/{step}`
    case returnStep = "return_step"

    static let readPermission: Permission = .ordersRead

    var permission: Permission {
        switch self {
        case .note, .cancel: "orders.manage"
        case .fulfil, .fulfilmentStep: "orders.fulfil"
        case .refund: "orders.refund"
        case .returnStep: "orders.returns"
        }
    }
}

/// A step of a fulfilment, as the last part of its form's address.
enum ConsoleFulfilmentStep: String, Sendable, CaseIterable {
    case pick
    case pack
    case ship
    case deliver
    case readyForPickup = "ready-for-pickup"
    case collect
}

/// A step of a return, as the last part of its form's address.
enum ConsoleReturnStep: String, Sendable, CaseIterable {
    case approve
    case reject
    case receive
    /// Each line restocked or written off; restocked units go back on hand at the chosen location.
    case inspect
    case refund
    /// exchangeReturn: replacement items paid with the return's value.
    case exchange
}

/// A form that was refused: its message goes next to it, and what was typed stays in it.
struct ConsoleOrderFormFailure: Sendable {
    let action: ConsoleOrderAction
    /// The fulfilment or return the form was about, for the forms repeated per fulfilment or return.
    let target: String?
    let message: String
    let form: FormData

    func message(for action: ConsoleOrderAction, target: String? = nil) -> String? {
        action == self.action && target == self.target ? message : nil
    }

    /// What was typed into `field` of the refused form, so it need not be typed again.
    func typed(_ field: String, in action: ConsoleOrderAction, target: String? = nil) -> String? {
        action == self.action && target == self.target ? form[field] : nil
    }
}
