import Foundation
import Orders
import TorvCore

/// One fulfilment on the order page, with the steps it may take next (for staff who fulfil).
struct ConsoleFulfilmentCard {
    let fulfilmentID: String
    let fulfilmentKindText: String
    let fulfilmentStatusText: String
    let fulfilmentStatusCode: String
    let fulfilmentItems: [String]
    let fulfilmentCarrier: String?
    let fulfilmentTracking: String?
    let fulfilmentUpdated: String
    let fulfilmentSteps: Steps?

    /// The step forms of one fulfilment. They share one key: each step is its own scope, so the same key
    /// on "pick" and "ship" are two different requests, and a repeat of either is recognised.
    struct Steps {
        let stepKey: String
        let canPick: Bool
        let canPack: Bool
        let canShip: Bool
        let canDeliver: Bool
        let canMakeReady: Bool
        let canReissueCode: Bool
        let canCollect: Bool
        let carrierValue: String
        let trackingValue: String
        let stepError: String?
    }

    init(_ fulfilment: Fulfilment, settings: ShopSettings, mayStep: Bool, failure: ConsoleOrderFormFailure?) {
        fulfilmentID = fulfilment.id.rawValue
        fulfilmentKindText = fulfilment.kind == .pickup ? "Pick-up" : "Parcel"
        fulfilmentStatusText = ConsoleOrderWords.fulfilment(fulfilment.status)
        fulfilmentStatusCode = fulfilment.status.rawValue
        fulfilmentItems = fulfilment.lines.map { "\($0.sku) × \($0.quantity)" }
        fulfilmentCarrier = fulfilment.carrier
        fulfilmentTracking = fulfilment.trackingNumber
        fulfilmentUpdated = settings.dateTime(fulfilment.updatedAt)

        let (kind, status) = (fulfilment.kind, fulfilment.status)
        func can(_ next: FulfilmentStatus) -> Bool { FulfilmentStateMachine.canMove(kind, from: status, to: next) }
        let target = fulfilment.id.rawValue
        let steps = Steps(
            stepKey: FormGuard.randomToken(), canPick: can(.picked), canPack: can(.packed), canShip: can(.shipped),
            canDeliver: can(.delivered), canMakeReady: status != .readyForPickup && can(.readyForPickup),
            canReissueCode: status == .readyForPickup, canCollect: status == .readyForPickup,
            carrierValue: failure?.typed("carrier", in: .fulfilmentStep, target: target) ?? "",
            trackingValue: failure?.typed("tracking_number", in: .fulfilmentStep, target: target) ?? "",
            stepError: failure?.message(for: .fulfilmentStep, target: target))
        let hasStep = [
            steps.canPick, steps.canPack, steps.canShip, steps.canDeliver, steps.canMakeReady, steps.canCollect,
        ]
        .contains(true)
        fulfilmentSteps = mayStep && hasStep ? steps : nil
    }
}
