import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Orders
import Persistence
import TorvCore

/// The order page's forms. Each runs once per form key (``FormReplay``), calls the flow the equivalent
/// admin API operation calls, and redirects back to the order with a fixed confirmation; a refusal puts
/// its message next to the form and changes nothing.
extension ConsolePages {
    func orderForm(
        _ action: ConsoleOrderAction, request: Request, context: TorvRequestContext, visit: StaffVisit,
        form: FormData
    ) async throws -> Response {
        let orderID = try pathID(
            context.parameters.get("order_id") ?? "", as: OrderID.self, notFound: OrdersError.orderNotFound)
        let step = context.parameters.get("step")
        let target = context.parameters.get("fulfilment_id") ?? context.parameters.get("return_id")
        let scope = "staff:\(visit.principal.id):console.orders.\(action.rawValue)" + (step.map { ".\($0)" } ?? "")
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            do {
                switch action {
                case .note: return try await addNote(orderID, form: form, visit: visit)
                case .fulfil: return try await fulfil(orderID, form: form, visit: visit)
                case .fulfilmentStep:
                    return try await stepFulfilment(
                        orderID, fulfilment: target ?? "", step: step ?? "", form: form, visit: visit, request: request)
                case .cancel: return try await cancel(orderID, form: form, visit: visit)
                case .refund: return try await refund(orderID, form: form, visit: visit)
                case .returnStep:
                    return try await stepReturn(
                        orderID, orderReturn: target ?? "", step: step ?? "", form: form, visit: visit)
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                let failure = ConsoleOrderFormFailure(
                    action: action, target: target, message: ConsoleFormRefusal.sentence(error), form: form)
                return .refused(
                    try await renderOrder(
                        try await OrderDetails.load(orderID, on: platform), failure: failure, visit: visit,
                        request: request, status: status))
            }
        }
    }

    private func addNote(_ id: OrderID, form: FormData, visit: StaffVisit) async throws -> FormReplay.Outcome {
        let orders = platform.orders
        let actor = visit.actor
        _ = try await platform.database.inTransaction { db in
            try await orders.addNote(
                id, text: form["text"] ?? "", visibleToCustomer: form["visible_to_customer"] == "on", by: actor, on: db)
        }
        return .redirect(ConsoleOrderNotice.noted.location(of: id.rawValue))
    }

    /// The shop's own open lines, at the quantities typed (all remaining units unless changed).
    private func fulfil(_ id: OrderID, form: FormData, visit: StaffVisit) async throws -> FormReplay.Outcome {
        let orders = platform.orders
        let order = try await platform.database.read { db in try await orders.order(id, on: db) }
        var lines: [(lineID: OrderLineID, quantity: Int)] = []
        var problems: [FieldError] = []
        for line in order.lines where line.sellerID == nil && line.unfulfilledQuantity > 0 {
            let typed = form[ConsoleFulfilForm.fieldName(line.id)] ?? ""
            guard !typed.isEmpty else { continue }
            guard let quantity = Int(typed), (0...line.unfulfilledQuantity).contains(quantity) else {
                problems.append(
                    FieldError(
                        pointer: "",
                        message: "Units of \(line.sku) must be a whole number from 0 to \(line.unfulfilledQuantity).",
                        code: "invalid_quantity"))
                continue
            }
            if quantity > 0 { lines.append((line.id, quantity)) }
        }
        if problems.isEmpty && lines.isEmpty {
            problems.append(FieldError(pointer: "", message: "Choose at least one unit to fulfil.", code: "required"))
        }
        guard problems.isEmpty else { throw ValidationError(problems) }
        let (actor, requested) = (visit.actor, lines)
        _ = try await platform.database.inTransaction { db in
            try await orders.createFulfilment(id, lines: requested, by: actor, on: db)
        }
        return .redirect(ConsoleOrderNotice.fulfilmentCreated.location(of: id.rawValue))
    }

    private func cancel(_ id: OrderID, form: FormData, visit: StaffVisit) async throws -> FormReplay.Outcome {
        _ = try await AfterSale.cancel(id, reason: form["reason"] ?? "", by: visit.actor, on: platform)
        return .redirect(ConsoleOrderNotice.cancelled.location(of: id.rawValue))
    }

    /// The amount is typed in the order's currency as a plain decimal ("12.50"), read exactly by
    /// ``Money/parse(_:currency:)``; the form's key is the refund's key, as the API's `Idempotency-Key` is.
    private func refund(_ id: OrderID, form: FormData, visit: StaffVisit) async throws -> FormReplay.Outcome {
        let orders = platform.orders
        let order = try await platform.database.read { db in try await orders.order(id, on: db) }
        let typed = form["amount"] ?? ""
        guard let amount = try? Money.parse(typed, currency: order.currency), amount.isPositive else {
            throw ValidationError([
                FieldError(
                    pointer: "/amount",
                    message: "must be more than zero, written like 12.50 (in \(order.currency.code))",
                    code: "invalid_amount")
            ])
        }
        let refunded = try await AfterSale.refund(
            id, amount: amount, reason: form["reason"] ?? "", key: "console:" + (form[FormReplay.fieldName] ?? ""),
            by: visit.actor, on: platform)
        let made = refunded.refundedTotal.amount > order.refundedTotal.amount
        return .redirect((made ? ConsoleOrderNotice.refunded : .refundPending).location(of: id.rawValue))
    }
}
