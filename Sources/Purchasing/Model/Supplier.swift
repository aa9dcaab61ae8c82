public import Foundation
public import TorvCore

/// A company the shop buys from: whom to email the order, in which currency it bills, and how many
/// days after the bill date its invoices fall due.
public struct Supplier: Sendable, Hashable, Codable {
    public let id: SupplierID
    public let name: String
    public let email: String
    public let currency: Currency
    public let paymentTermsDays: Int
    public let isActive: Bool
    public let createdAt: Date
    public let updatedAt: Date
}

/// What staff enter to create or change a supplier. Names are unique regardless of case.
public struct SupplierDraft: Sendable, Hashable {
    public var name: String
    public var email: String
    public var currency: Currency
    /// Days from the bill date to the due date; net 30 unless agreed otherwise.
    public var paymentTermsDays: Int
    public var isActive: Bool

    public init(name: String, email: String, currency: Currency, paymentTermsDays: Int = 30, isActive: Bool = true) {
        self.name = name
        self.email = email
        self.currency = currency
        self.paymentTermsDays = paymentTermsDays
        self.isActive = isActive
    }
}
