public import TorvCore

/// The marketplace's refusals, with stable codes.
public enum SellersError: DomainError, Hashable {
    case sellerNotFound
    case offerNotFound
    case handleTaken
    case offerExists
    case transitionNotAllowed(from: SellerStatus, to: SellerStatus)
    case reasonRequired
    case onboardingIncomplete([FieldError])
    /// Offers can go live only while the seller is approved.
    case sellerNotTrading(SellerStatus)
    /// Onboarding facts can be changed only before review.
    case onboardingLocked(SellerStatus)
    case caseNotFound
    /// A decided case stays decided; a new report opens a new case.
    case caseDecided(CaseStatus)
    /// The offer was taken down after a report; it cannot go live again.
    case offerTakenDown

    public var code: String {
        switch self {
        case .sellerNotFound: "seller_not_found"
        case .offerNotFound: "offer_not_found"
        case .handleTaken: "handle_taken"
        case .offerExists: "offer_exists"
        case .transitionNotAllowed: "transition_not_allowed"
        case .reasonRequired: "reason_required"
        case .onboardingIncomplete: "onboarding_incomplete"
        case .sellerNotTrading: "seller_not_trading"
        case .onboardingLocked: "onboarding_locked"
        case .caseNotFound: "case_not_found"
        case .caseDecided: "case_decided"
        case .offerTakenDown: "offer_taken_down"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .sellerNotFound, .offerNotFound, .caseNotFound: .notFound
        case .handleTaken, .offerExists, .transitionNotAllowed, .caseDecided: .conflict
        case .reasonRequired: .invalid
        case .onboardingIncomplete, .sellerNotTrading, .onboardingLocked, .offerTakenDown: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .sellerNotFound: "There is no such seller."
        case .offerNotFound: "There is no such offer."
        case .handleTaken: "Another seller uses this handle already."
        case .offerExists: "You offer this variant in this condition already; change that offer instead."
        case .transitionNotAllowed(let from, let to):
            "A seller cannot go from \(from.rawValue) to \(to.rawValue)."
        case .reasonRequired: "Say why: the seller is told."
        case .onboardingIncomplete: "Onboarding is not complete yet; see the list of what is missing."
        case .sellerNotTrading(let status):
            "Offers can go live once the seller is approved (the seller is \(status.rawValue))."
        case .caseNotFound: "There is no such case."
        case .caseDecided(let status): "This case is closed (\(status.rawValue))."
        case .offerTakenDown: "This offer was taken down after a report and cannot go live again."
        case .onboardingLocked(let status):
            "These details are fixed while the seller is \(status.rawValue); ask the marketplace to change them."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .onboardingIncomplete(let missing): missing
        case .reasonRequired: [FieldError(pointer: "/reason", message: "is required", code: code)]
        default: []
        }
    }
}
