public import TorvCore

/// Reviews' refusals, with stable codes.
public enum ReviewsError: DomainError, Hashable {
    case reviewNotFound
    /// This order line has a review already: one per line.
    case alreadyReviewed
    /// Moderation decides once; a published or rejected review stays so.
    case alreadyModerated(ReviewStatus)
    case reasonRequired

    public var code: String {
        switch self {
        case .reviewNotFound: "review_not_found"
        case .alreadyReviewed: "already_reviewed"
        case .alreadyModerated: "already_moderated"
        case .reasonRequired: "reason_required"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .reviewNotFound: .notFound
        case .alreadyReviewed, .alreadyModerated: .conflict
        case .reasonRequired: .invalid
        }
    }

    public var message: String {
        switch self {
        case .reviewNotFound: "There is no such review."
        case .alreadyReviewed: "You have reviewed this purchase already."
        case .alreadyModerated(let status): "This review was \(status.rawValue) already."
        case .reasonRequired: "Say why the review is rejected: its author is told."
        }
    }

    public var fieldErrors: [FieldError] {
        self == .reasonRequired ? [FieldError(pointer: "/reason", message: "is required", code: code)] : []
    }
}
