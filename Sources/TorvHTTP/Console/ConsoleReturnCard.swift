import Foundation
import Inventory
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
    let exchangeOrderHref: String?
    let returnSteps: Steps?

    struct Steps {
        let returnKey: String
        let canApprove: Bool
        let canReject: Bool
        let canReceive: Bool
        let canRefundReturn: Bool
        let canExchange: Bool
        let canInspect: Bool
        let inspectLines: [ConsoleInspectLine]
        let restockOptions: [FilterOption]
        let exchangeRows: [ConsoleExchangeRow]
        let rejectReasonValue: String
        let returnError: String?
    }

    init(
        _ orderReturn: OrderReturn, order: Order, settings: ShopSettings, mayStep: Bool,
        restockLocations: [StockLocation] = [], failure: ConsoleOrderFormFailure?
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
        exchangeOrderHref = orderReturn.exchangeOrderID.map { "/admin/orders/\($0.rawValue)" }

        let status = orderReturn.status
        let target = orderReturn.id.rawValue
        let steps = Steps(
            returnKey: FormGuard.randomToken(), canApprove: ReturnStateMachine.canMove(from: status, to: .approved),
            canReject: ReturnStateMachine.canMove(from: status, to: .rejected),
            canReceive: ReturnStateMachine.canMove(from: status, to: .received),
            canRefundReturn: ReturnStateMachine.canMove(from: status, to: .refunded),
            canExchange: Orders.exchangeable.contains(status) && orderReturn.exchangeOrderID == nil,
            canInspect: ReturnStateMachine.canMove(from: status, to: .inspected),
            inspectLines: orderReturn.lines.map { line in
                let typed = failure?.typed(ConsoleInspectLine.fieldName(line.lineID), in: .returnStep, target: target)
                return ConsoleInspectLine(
                    inspectLabel: "\(line.sku) \(order.line(line.lineID)?.productTitle ?? "") × \(line.quantity)",
                    inspectField: ConsoleInspectLine.fieldName(line.lineID),
                    inspectRowID: "\(target)-\(line.lineID.rawValue)", inspectWritesOff: typed == "write_off")
            },
            restockOptions: restockLocations.map {
                FilterOption(
                    optionValue: $0.id.rawValue, optionLabel: $0.name,
                    optionSelected: failure?.typed("location_id", in: .returnStep, target: target) == $0.id.rawValue)
            },
            exchangeRows: ConsoleExchangeRow.rows(
                for: orderReturn, returnID: target,
                typed: failure?.message(for: .returnStep, target: target) != nil ? failure?.form : nil),
            rejectReasonValue: failure?.typed("reason", in: .returnStep, target: target) ?? "",
            returnError: failure?.message(for: .returnStep, target: target))
        let hasStep = [
            steps.canApprove, steps.canReject, steps.canReceive, steps.canInspect, steps.canRefundReturn,
            steps.canExchange,
        ].contains(true)
        returnSteps = mayStep && hasStep ? steps : nil
    }
}

/// One row of a return's exchange form: a replacement SKU and its quantity, first filled with what came
/// back (the usual exchange is the same item in another size), plus one empty row for something else.
struct ConsoleExchangeRow {
    static let maximumRows = 6

    let exchangeRowID: String
    let exchangeSKUName: String
    let exchangeSKUValue: String
    let exchangeQuantityName: String
    let exchangeQuantityValue: String

    static func rows(for orderReturn: OrderReturn, returnID: String, typed: FormData?) -> [ConsoleExchangeRow] {
        let returned = orderReturn.lines.prefix(maximumRows - 1).map { ($0.sku, String($0.quantity)) }
        return (returned + [("", "")]).enumerated().map { row, initial in
            ConsoleExchangeRow(
                exchangeRowID: "\(returnID)-\(row)", exchangeSKUName: "exchange_sku_\(row)",
                exchangeSKUValue: typed.map { $0["exchange_sku_\(row)"] ?? "" } ?? initial.0,
                exchangeQuantityName: "exchange_quantity_\(row)",
                exchangeQuantityValue: typed.map { $0["exchange_quantity_\(row)"] ?? "" } ?? initial.1)
        }
    }
}

/// One returned line on the inspection form: back to stock, or written off.
struct ConsoleInspectLine {
    let inspectLabel: String
    let inspectField: String
    let inspectRowID: String
    let inspectWritesOff: Bool

    static func fieldName(_ lineID: OrderLineID) -> String { "outcome_\(lineID.rawValue)" }
}
