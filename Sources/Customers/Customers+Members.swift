import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Who buys for a company, and who approves.
extension Customers {
    /// Adds a customer to a company. A customer belongs to at most one company: adding one who is a
    /// member anywhere (here included) fails with `customer_already_in_company`, decided by a UNIQUE key
    /// even between concurrent requests. Only buyers have an approval limit.
    public func addBuyer(
        _ company: CompanyID, customerID: String, role: CompanyRole = .buyer, approvalLimit: Money? = nil,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CompanyMembership {
        try Self.validateMember(customerID, role: role, approvalLimit: approvalLimit)
        _ = try await self.company(company, on: db)
        guard
            try await CustomersStore.insertMember(
                customerID, of: company, role: role, approvalLimit: approvalLimit, now: now, on: db)
        else { throw CustomersError.customerAlreadyInCompany }
        try await outbox.append(
            CompanyMemberAdded(companyID: company, customerID: customerID, role: role), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "company.member_added", by: actor, target: ("company", company.rawValue),
            detail: ["customer_id": customerID, "role": role.rawValue], on: db)
        return try await requireMembership(of: customerID, on: db)
    }

    /// Changes a member's role or approval limit.
    public func updateMember(
        _ company: CompanyID, customerID: String, role: CompanyRole, approvalLimit: Money? = nil,
        by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> CompanyMembership {
        try Self.validateMember(customerID, role: role, approvalLimit: approvalLimit)
        guard
            try await CustomersStore.updateMember(
                customerID, of: company, role: role, approvalLimit: approvalLimit, now: now, on: db)
        else { throw CustomersError.memberNotFound }
        try await outbox.append(
            CompanyMemberUpdated(companyID: company, customerID: customerID, role: role), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "company.member_updated", by: actor, target: ("company", company.rawValue),
            detail: ["customer_id": customerID, "role": role.rawValue], on: db)
        return try await requireMembership(of: customerID, on: db)
    }

    /// Removes a customer from the company; they may then join another.
    public func removeMember(
        _ company: CompanyID, customerID: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws {
        try Self.checkCustomer(customerID)
        guard try await CustomersStore.deleteMember(customerID, of: company, on: db) else {
            throw CustomersError.memberNotFound
        }
        try await outbox.append(
            CompanyMemberRemoved(companyID: company, customerID: customerID), on: db, requestID: actor.requestID)
        try await audit.record(
            "company.member_removed", by: actor, target: ("company", company.rawValue),
            detail: ["customer_id": customerID], on: db)
    }

    /// The customer's company membership, or `nil` for a consumer.
    public func membership(of customerID: String, on db: any SQLDatabase) async throws -> CompanyMembership? {
        try Self.checkCustomer(customerID)
        return try await CustomersStore.membership(of: customerID, on: db)
    }

    /// A company's members, by customer ID.
    public func members(of company: CompanyID, on db: any SQLDatabase) async throws -> [CompanyMembership] {
        _ = try await self.company(company, on: db)
        return try await CustomersStore.members(of: company, on: db)
    }

    /// Whether `approver` may approve an order placed by `buyer`: both in the same active company, the
    /// approver as approver or admin. Malformed IDs answer `false`, as strangers do.
    public func canApprove(_ approver: String, orderOfBuyer buyer: String, on db: any SQLDatabase) async throws -> Bool
    {
        guard CustomerReference.isValid(approver), CustomerReference.isValid(buyer) else { return false }
        return try await CustomersStore.canApprove(approver, buyerID: buyer, on: db)
    }

    /// Whether an order of `orderTotal` by `customerID` must wait for an approver; reads the membership
    /// and applies ``ApprovalPolicy``.
    public func approvalDecision(
        orderTotal: Money, of customerID: String, on db: any SQLDatabase
    ) async throws -> ApprovalDecision {
        let member = try await self.membership(of: customerID, on: db)
        return try ApprovalPolicy.decide(orderTotal: orderTotal, membership: member)
    }

    func requireMembership(of customerID: String, on db: any SQLDatabase) async throws -> CompanyMembership {
        guard let membership = try await CustomersStore.membership(of: customerID, on: db) else {
            throw CustomersError.memberNotFound
        }
        return membership
    }

    static func validateMember(_ customerID: String, role: CompanyRole, approvalLimit: Money?) throws(ValidationError) {
        var validator = Validator()
        validator.checkCustomerID(customerID)
        validator.nonNegative(approvalLimit, at: "/approval_limit")
        if approvalLimit != nil && role != .buyer {
            validator.add(CustomersError.approvalLimitOnlyForBuyers, at: "/approval_limit")
        }
        try validator.finish()
    }
}
