/// Which rule of a ``ListingPolicy`` a listing ran into.
public enum ListingScreenReason: Sendable, Hashable, Codable {
    /// A prohibited keyword, as written in the policy, and where it was found.
    case prohibitedKeyword(String, field: ListingField)
    /// A prohibited category on the listing's path.
    case prohibitedCategory(String)
    /// A restricted keyword, as written in the policy, and where it was found.
    case restrictedKeyword(String, field: ListingField)
    /// A category on the listing's path whose listings are approved by hand.
    case moderatedCategory(String)

    /// Stable snake_case code, for clients that translate messages.
    public var code: String {
        switch self {
        case .prohibitedKeyword: "prohibited_keyword"
        case .prohibitedCategory: "prohibited_category"
        case .restrictedKeyword: "restricted_keyword"
        case .moderatedCategory: "moderated_category"
        }
    }

    /// `"the title contains the prohibited keyword \"replica\""`.
    public var message: String {
        switch self {
        case .prohibitedKeyword(let keyword, let field):
            "the \(field.rawValue) contains the prohibited keyword \"\(keyword)\""
        case .prohibitedCategory(let category): "the category \(category) is prohibited"
        case .restrictedKeyword(let keyword, let field):
            "the \(field.rawValue) contains the restricted keyword \"\(keyword)\""
        case .moderatedCategory(let category): "listings in the category \(category) are approved by a moderator"
        }
    }
}

/// Whether a listing may go live.
public enum ListingScreenOutcome: Sendable, Hashable, Codable {
    /// Nothing in the policy applies: publish.
    case allowed
    /// Legal, but a moderator approves it first, for these reasons.
    case needsReview([ListingScreenReason])
    /// Refused, for these reasons; the seller is told each one.
    case prohibited([ListingScreenReason])

    public var reasons: [ListingScreenReason] {
        switch self {
        case .allowed: []
        case .needsReview(let reasons), .prohibited(let reasons): reasons
        }
    }
}
