public import Customers
import Foundation
import Persistence
public import SQLKit
public import TorvCore

/// What a buyer's company allows at checkout: invoices on its payment terms, and whether this order
/// must wait for an approver. A consumer (no company) pays by card and needs no approval.
struct BuyerTerms: Sendable {
    var companyID: CompanyID?
    var invoiceNetDays: Int?
    var requiresApproval: Bool

    static func of(
        _ customerID: String?, total: Money, on platform: Platform, db: any SQLDatabase
    ) async throws -> BuyerTerms {
        guard let customerID, let membership = try await platform.customers.membership(of: customerID, on: db) else {
            return BuyerTerms(companyID: nil, invoiceNetDays: nil, requiresApproval: false)
        }
        guard membership.companyStatus == .active else { throw CheckoutFlowError.companySuspended }
        let company = try await platform.customers.company(membership.companyID, on: db)
        let decision = try ApprovalPolicy.decide(orderTotal: total, membership: membership)
        return BuyerTerms(
            companyID: company.id, invoiceNetDays: company.paymentTermsDays > 0 ? company.paymentTermsDays : nil,
            requiresApproval: decision != .notRequired)
    }
}
