public import Foundation

/// A node of the category tree ("Clothing > Shirts").
public struct Category: Sendable, Hashable, Codable {
    public let id: CategoryID
    public var parentID: CategoryID?
    public var name: String
    /// Unique in the catalogue, so a category has one storefront address.
    public var slug: String
    /// Order among siblings, ascending.
    public var position: Int
    public let createdAt: Date

    public init(id: CategoryID, parentID: CategoryID?, name: String, slug: String, position: Int, createdAt: Date) {
        self.id = id
        self.parentID = parentID
        self.name = name
        self.slug = slug
        self.position = position
        self.createdAt = createdAt
    }
}

/// What staff supply to create a category.
public struct NewCategory: Sendable, Hashable {
    public var name: String
    public var slug: String
    public var parentID: CategoryID?
    /// `nil` puts it after its siblings.
    public var position: Int?

    public init(name: String, slug: String? = nil, parentID: CategoryID? = nil, position: Int? = nil) {
        self.name = name
        self.slug = slug ?? Slug.make(from: name)
        self.parentID = parentID
        self.position = position
    }
}

/// A category with its subtree, for navigation menus.
public struct CategoryNode: Sendable, Hashable, Codable {
    public var category: Category
    public var children: [CategoryNode]
}
