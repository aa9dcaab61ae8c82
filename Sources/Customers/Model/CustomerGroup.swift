public import Foundation

/// A segment of customers that prices, promotions and payment methods can target (wholesale, staff,
/// VIP).
public struct CustomerGroup: Sendable, Hashable, Codable, Identifiable {
    public var id: CustomerGroupID
    /// The stable key other modules store: Catalog's group price lists name the group by this code.
    /// It never changes once created; renaming changes ``name`` only.
    public var code: String
    public var name: String
    public var createdAt: Date
}
