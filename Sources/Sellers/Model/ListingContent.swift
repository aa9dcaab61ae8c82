/// What a seller wants to publish, as moderation reads it.
public struct ListingContent: Sendable, Hashable, Codable {
    public var title: String
    public var description: String
    /// Category IDs or slugs from the root down to the listing's own category.
    public var categoryPath: [String]

    public init(title: String, description: String, categoryPath: [String]) {
        self.title = title
        self.description = description
        self.categoryPath = categoryPath
    }
}

/// The part of a listing a keyword was found in, so a moderator knows where to look.
public enum ListingField: String, Sendable, Hashable, Codable, CaseIterable {
    case title
    case description
}
