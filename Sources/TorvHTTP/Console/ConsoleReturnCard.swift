import Foundation
import Orders
import TorvCore

/// One return on the order page, with the steps it may take next (for staff who handle returns).
struct ConsoleReturnCard {
    let returnID: String
    let returnNumber: String
    let returnStatusText: String
    let returnStatusCode: String
    let returnItems: [String]
    let returnRejection: String?
    let returnRefundedText: String?
    let returnRequested: String
    let returnSteps: Steps?

    struct Steps {
        let returnKey: String
        let canApprove: Bool
        let canReject: Bool
        let canReceive: Bool
        let canRefundReturn: Bool
        let rejectReasonValue: String
        let returnError: String?
    }

    init(
        _ orderReturn: OrderReturn, order: Order, settings: ShopSettings, mayStep: Bool,
        failure: ConsoleOrderFormFailure?
    ) {
        returnID = orderReturn.id.rawValue
        returnNumber = orderReturn.number
        returnStatusText = ConsoleOrderWords.returnStatus(orderReturn.status)
        returnStatusCode = orderReturn.status.rawValue
        returnItems = orderReturn.lines.map { line in
            let title = order.line(line.lineID)?.productTitle ?? line.sku
            return "\(line.sku) \(title) × \(line.quantity): \(line.reason)"
        }
        returnRejection = orderReturn.rejectionReason
        returnRefundedText = orderReturn.refundedAmount.map(settings.money)
        returnRequested = settings.dateTime(orderReturn.createdAt)

        let status = orderReturn.status
        let target = orderReturn.id.rawValue
        let steps = Steps(
            returnKey: FormGuard.randomToken(), canApprove: ReturnStateMachine.canMove(from: status, to: .approved),
            canReject: ReturnStateMachine.canMove(from: status, to: .rejected),
            canReceive: ReturnStateMachine.canMove(from: status, to: .received),
            canRefundReturn: ReturnStateMachine.canMove(from: status, to: .refunded),
            rejectReasonValue: failure?.typed("reason", in: .returnStep, target: target) ?? "",
            returnError: failure?.message(for: .returnStep, target: target))
        let hasStep = [steps.canApprove, steps.canReject, steps.canReceive, steps.canRefundReturn].contains(true)
        returnSteps = mayStep && hasStep ? steps : nil
    }
}
