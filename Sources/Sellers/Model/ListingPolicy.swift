/// What the marketplace refuses outright and what a person looks at before it goes live.
///
/// Keywords are words or phrases (`replica`, `fake id`, `e-cigarette`); see ``ListingScreen`` for how they
/// match. Categories are IDs or slugs and cover every category below them.
public struct ListingPolicy: Sendable, Hashable, Codable {
    /// Words that may never appear: counterfeits, weapons, drugs.
    public var prohibitedKeywords: [String]
    /// Categories nothing may be listed in, including their descendants.
    public var prohibitedCategories: [String]
    /// Words that send a listing to a moderator: legal to sell, but often misused (`knife`, `cbd`).
    public var restrictedKeywords: [String]
    /// Categories whose listings a moderator approves before they are published (medicines, alcohol).
    public var moderatedCategories: [String]

    public init(
        prohibitedKeywords: [String] = [],
        prohibitedCategories: [String] = [],
        restrictedKeywords: [String] = [],
        moderatedCategories: [String] = []
    ) {
        self.prohibitedKeywords = prohibitedKeywords
        self.prohibitedCategories = prohibitedCategories
        self.restrictedKeywords = restrictedKeywords
        self.moderatedCategories = moderatedCategories
    }
}
