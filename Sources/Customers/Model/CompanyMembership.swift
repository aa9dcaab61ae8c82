public import Foundation
public import TorvCore

/// What a member may do for their company.
public enum CompanyRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Places orders; above their approval limit an order waits for an approver.
    case buyer
    /// Places orders without approval and approves buyers' orders.
    case approver
    /// An approver who also manages the company's members (in the lead's flows).
    case admin

    /// Whether members in this role approve orders (and so never need approval themselves).
    public var approves: Bool { self != .buyer }
}

/// A customer's place in a company. A customer belongs to at most one company.
public struct CompanyMembership: Sendable, Hashable, Codable {
    public var companyID: CompanyID
    /// Identity's customer ID (`cus_…`).
    public var customerID: String
    public var role: CompanyRole
    /// Orders above this total need an approver; `nil` means the buyer never needs approval. Only buyers
    /// have one.
    public var approvalLimit: Money?
    /// The company's status when the membership was read, so a flow can refuse orders on account of a
    /// suspended company without a second query.
    public var companyStatus: CompanyStatus
    public var addedAt: Date

    public init(
        companyID: CompanyID, customerID: String, role: CompanyRole, approvalLimit: Money?,
        companyStatus: CompanyStatus, addedAt: Date
    ) {
        self.companyID = companyID
        self.customerID = customerID
        self.role = role
        self.approvalLimit = approvalLimit
        self.companyStatus = companyStatus
        self.addedAt = addedAt
    }
}
