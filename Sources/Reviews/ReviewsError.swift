public import TorvCore

/// Reviews' refusals, with stable codes.
public enum ReviewsError: DomainError, Hashable {
    case reviewNotFound
    /// This order line has a review already: one per line.
    case alreadyReviewed
    /// Moderation decides once; a published or rejected review stays so.
    case alreadyModerated(ReviewStatus)
    case reasonRequired
    case sellerReviewNotFound
    /// A seller answers a review once.
    case alreadyReplied
    /// Only a published review can be answered.
    case notPublished(ReviewStatus)
    /// A seller rates the buyer of a sub-order once.
    case buyerAlreadyRated

    public var code: String {
        switch self {
        case .reviewNotFound: "review_not_found"
        case .alreadyReviewed: "already_reviewed"
        case .alreadyModerated: "already_moderated"
        case .reasonRequired: "reason_required"
        case .sellerReviewNotFound: "seller_review_not_found"
        case .alreadyReplied: "already_replied"
        case .notPublished: "review_not_published"
        case .buyerAlreadyRated: "buyer_already_rated"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .reviewNotFound, .sellerReviewNotFound: .notFound
        case .alreadyReviewed, .alreadyModerated, .alreadyReplied, .notPublished, .buyerAlreadyRated: .conflict
        case .reasonRequired: .invalid
        }
    }

    public var message: String {
        switch self {
        case .reviewNotFound: "There is no such review."
        case .alreadyReviewed: "You have reviewed this purchase already."
        case .alreadyModerated(let status): "This review was \(status.rawValue) already."
        case .reasonRequired: "Say why the review is rejected: its author is told."
        case .sellerReviewNotFound: "There is no such seller review."
        case .alreadyReplied: "You have answered this review already."
        case .notPublished(let status): "This review is \(status.rawValue): only published reviews can be answered."
        case .buyerAlreadyRated: "You have rated the buyer of this order already."
        }
    }

    public var fieldErrors: [FieldError] {
        self == .reasonRequired ? [FieldError(pointer: "/reason", message: "is required", code: code)] : []
    }
}
