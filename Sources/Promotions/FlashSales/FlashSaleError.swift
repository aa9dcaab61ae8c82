public import Foundation
public import TorvCore

/// Why a flash sale, a place in its waiting room or a claim is refused; each has its own code.
public enum FlashSaleError: DomainError, Hashable {
    case notFound
    case invalidTitle
    case invalidQuantity
    case invalidLimit
    case invalidPrice
    case invalidWindow
    case invalidAdmissionRate
    case invalidHold
    case variantUnknown
    /// The sale price is not below the variant's regular price: not a reduction.
    case notAReduction(regular: Money)
    case notStarted(startsAt: Date)
    case ended
    case soldOut
    /// Every unit is held by admitted shoppers; some may come back when their time is up.
    case allHeld
    case notInQueue
    case invalidToken
    case notYetAdmitted(admissionAt: Date)
    case admissionExpired
    /// One more unit would pass the sale's per-customer limit.
    case customerLimitReached(limit: Int)
    /// A claim was not ordered in time and went back to the sale.
    case claimExpired
    case cannotCancel

    public var code: String {
        switch self {
        case .notFound: "flash_sale_not_found"
        case .invalidTitle: "invalid_title"
        case .invalidQuantity: "invalid_quantity"
        case .invalidLimit: "invalid_limit"
        case .invalidPrice: "invalid_price"
        case .invalidWindow: "empty_window"
        case .invalidAdmissionRate: "invalid_admission_rate"
        case .invalidHold: "invalid_hold"
        case .variantUnknown: "variant_not_found"
        case .notAReduction: "not_a_reduction"
        case .notStarted: "flash_sale_not_started"
        case .ended: "flash_sale_ended"
        case .soldOut: "flash_sale_sold_out"
        case .allHeld: "flash_sale_all_held"
        case .notInQueue: "flash_sale_not_in_queue"
        case .invalidToken: "flash_sale_invalid_token"
        case .notYetAdmitted: "flash_sale_not_admitted"
        case .admissionExpired: "flash_sale_admission_expired"
        case .customerLimitReached: "flash_sale_customer_limit"
        case .claimExpired: "flash_sale_claim_expired"
        case .cannotCancel: "flash_sale_cannot_cancel"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .notFound, .notInQueue: .notFound
        case .invalidTitle, .invalidQuantity, .invalidLimit, .invalidPrice, .invalidWindow, .invalidAdmissionRate,
            .invalidHold, .variantUnknown, .notAReduction:
            .invalid
        case .invalidToken: .forbidden
        default: .conflict
        }
    }

    public var message: String {
        switch self {
        case .notFound: "No such flash sale."
        case .invalidTitle: "must be 1 to 200 characters"
        case .invalidQuantity: "must be between 1 and 1,000,000 units"
        case .invalidLimit: "must be at least 1 and at most the sale's quantity"
        case .invalidPrice: "must be a positive amount"
        case .invalidWindow: "must end after it starts, and in the future"
        case .invalidAdmissionRate: "must admit between 1 and 1,000,000 shoppers a minute"
        case .invalidHold: "must be between 1 and 120 minutes"
        case .variantUnknown: "no such variant in the catalogue"
        case .notAReduction(let regular): "must be below the regular price (\(regular))"
        case .notStarted(let startsAt): "The flash sale has not started; it opens at \(startsAt.formatted(.iso8601))."
        case .ended: "The flash sale has ended."
        case .soldOut: "Sold out: every unit of this flash sale is sold."
        case .allHeld:
            "Every unit is held by shoppers checking out right now; units not bought in time come back."
        case .notInQueue: "You have no place in this flash sale's waiting room; join the queue first."
        case .invalidToken: "The queue token does not belong to your place in this waiting room."
        case .notYetAdmitted(let at): "Your turn has not come yet; expected at \(at.formatted(.iso8601))."
        case .admissionExpired: "Your turn has passed; join the queue again."
        case .customerLimitReached(let limit):
            "This flash sale allows \(limit) unit\(limit == 1 ? "" : "s") per customer."
        case .claimExpired: "Your flash-sale unit was not ordered in time and went back to the sale."
        case .cannotCancel: "Only a flash sale that has not ended can be called off."
        }
    }
}
