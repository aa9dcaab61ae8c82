public import TorvCore

/// Refusals of buy requests (trade-ins and quote requests) and their responses, with stable codes.
public enum BuyRequestError: DomainError, Hashable {
    /// No such request, or not one the caller may see (another seller's, not open to respondents).
    case requestNotFound
    /// No such response, or not the caller's.
    case responseNotFound
    /// Only an approved business seller (or the marketplace) posts buy requests.
    case posterNotBusiness
    /// The request is closed, expired or cancelled.
    case requestNotOpen(BuyRequestStatus)
    /// A decided or withdrawn response stays as it is.
    case responseDecided(BuyResponseStatus)
    /// The respondent has an open response on this request already; change that one.
    case responseExists
    /// A seller cannot quote on its own request.
    case ownRequest
    /// Accepting this many would take more than the request still wants.
    case exceedsWantedQuantity(remaining: Int)
    /// A request with accepted responses can be closed, not cancelled.
    case hasAcceptedResponses
    /// The respondent changed the response while the poster was deciding on it.
    case responseChanged

    public var code: String {
        switch self {
        case .requestNotFound: "buy_request_not_found"
        case .responseNotFound: "buy_response_not_found"
        case .posterNotBusiness: "poster_not_business"
        case .requestNotOpen: "buy_request_not_open"
        case .responseDecided: "buy_response_decided"
        case .responseExists: "buy_response_exists"
        case .ownRequest: "own_buy_request"
        case .exceedsWantedQuantity: "exceeds_wanted_quantity"
        case .hasAcceptedResponses: "buy_request_has_acceptances"
        case .responseChanged: "buy_response_changed"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .requestNotFound, .responseNotFound: .notFound
        case .requestNotOpen, .responseDecided, .responseExists, .exceedsWantedQuantity, .hasAcceptedResponses,
            .responseChanged:
            .conflict
        case .posterNotBusiness, .ownRequest: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .requestNotFound: "There is no such request."
        case .responseNotFound: "There is no such response."
        case .posterNotBusiness: "Buy requests can be posted by approved business sellers."
        case .requestNotOpen(let status): "This request is no longer open (\(status.rawValue))."
        case .responseDecided(let status): "This response is \(status.rawValue) and cannot change."
        case .responseExists: "You have an open response on this request already; change that one instead."
        case .ownRequest: "You cannot respond to your own request."
        case .exceedsWantedQuantity(let remaining): "The request wants only \(remaining) more."
        case .hasAcceptedResponses: "Responses were accepted already; close the request instead of cancelling it."
        case .responseChanged: "The response changed while you were deciding; look at it again."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .exceedsWantedQuantity(let remaining):
            [FieldError(pointer: "/quantity", message: "must be at most \(remaining)", code: code)]
        default: []
        }
    }
}
