public import Foundation
public import TorvCore

/// Whether a company may buy on account.
public enum CompanyStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active
    /// Kept with its members and history, but nobody can approve its orders and it has no credit.
    case suspended
}

/// A business customer: its members buy on its account, under its terms, at its prices.
public struct Company: Sendable, Hashable, Codable, Identifiable {
    public var id: CompanyID
    public var legalName: String
    /// Normalised to upper case without spaces or dots (`DE123456789`). Not verified against VIES yet.
    public var vatID: String?
    public var billingAddress: StreetAddress
    /// Days after the invoice date within which the company pays (0 is payment on receipt, 30 is net 30).
    public var paymentTermsDays: Int
    /// How much the company may owe on unpaid invoices; `nil` sets no limit.
    public var creditLimit: Money?
    /// A Catalog price list ID that prices this company's orders; Customers stores it, Catalog owns it.
    public var priceListID: String?
    public var status: CompanyStatus
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: CompanyID, legalName: String, vatID: String?, billingAddress: StreetAddress, paymentTermsDays: Int,
        creditLimit: Money?, priceListID: String?, status: CompanyStatus, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.legalName = legalName
        self.vatID = vatID
        self.billingAddress = billingAddress
        self.paymentTermsDays = paymentTermsDays
        self.creditLimit = creditLimit
        self.priceListID = priceListID
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What staff submit to create or change a company; it replaces every field.
public struct CompanyDraft: Sendable, Hashable, Codable {
    public var legalName: String
    public var vatID: String?
    public var billingAddress: StreetAddress
    public var paymentTermsDays: Int
    public var creditLimit: Money?
    public var priceListID: String?
    public var status: CompanyStatus

    public init(
        legalName: String, vatID: String? = nil, billingAddress: StreetAddress, paymentTermsDays: Int = 30,
        creditLimit: Money? = nil, priceListID: String? = nil, status: CompanyStatus = .active
    ) {
        self.legalName = legalName
        self.vatID = vatID
        self.billingAddress = billingAddress
        self.paymentTermsDays = paymentTermsDays
        self.creditLimit = creditLimit
        self.priceListID = priceListID
        self.status = status
    }
}
