import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// Customer groups: segments that prices (Catalog keys group price lists by the code), promotions and
/// payment methods target.
extension Customers {
    public func createGroup(
        code: String, name: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> CustomerGroup
    {
        var validator = Validator()
        if !Self.isValidGroupCode(code) { validator.add(CustomersError.invalidGroupCode, at: "/code") }
        let name = Self.checkName(name, at: "/name", in: &validator)
        try validator.finish()
        let now = self.now
        let group = CustomerGroup(id: CustomerGroupID.generate(ids, at: now), code: code, name: name, createdAt: now)
        guard try await CustomersStore.insert(group, on: db) else { throw CustomersError.groupCodeTaken(code) }
        try await audit.record(
            "customer_group.created", by: actor, target: ("customer_group", group.id.rawValue),
            detail: ["code": code, "name": name], on: db)
        return group
    }

    /// Changes the name only: the code is the key other modules hold.
    public func renameGroup(
        _ id: CustomerGroupID, to name: String, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> CustomerGroup
    {
        var validator = Validator()
        let name = Self.checkName(name, at: "/name", in: &validator)
        try validator.finish()
        guard let group = try await CustomersStore.rename(id, to: name, now: now, on: db) else {
            throw CustomersError.groupNotFound
        }
        try await audit.record(
            "customer_group.renamed", by: actor, target: ("customer_group", id.rawValue), detail: ["name": name],
            on: db)
        return group
    }

    public func group(_ id: CustomerGroupID, on db: any SQLDatabase) async throws -> CustomerGroup {
        guard let group = try await CustomersStore.group(id, on: db) else { throw CustomersError.groupNotFound }
        return group
    }

    public func group(code: String, on db: any SQLDatabase) async throws -> CustomerGroup {
        guard let group = try await CustomersStore.group(code: code, on: db) else { throw CustomersError.groupNotFound }
        return group
    }

    /// Every group, by code.
    public func groups(on db: any SQLDatabase) async throws -> [CustomerGroup] {
        try await CustomersStore.groups(on: db)
    }

    /// The groups a customer belongs to, by code; `groups(of:).map(\.code)` is what group pricing needs.
    public func groups(of customerID: String, on db: any SQLDatabase) async throws -> [CustomerGroup] {
        try Self.checkCustomer(customerID)
        return try await CustomersStore.groups(of: customerID, on: db)
    }

    /// The customer IDs in a group, sorted.
    public func members(of id: CustomerGroupID, on db: any SQLDatabase) async throws -> [String] {
        _ = try await group(id, on: db)
        return try await CustomersStore.members(of: id, on: db)
    }

    /// Adds the customer to the group. Adding a member twice changes nothing and returns `false`, so a
    /// retried request is harmless; the event is emitted only when the customer joined.
    @discardableResult
    public func addMember(
        _ customerID: String, to id: CustomerGroupID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Bool {
        try Self.checkCustomer(customerID)
        let group = try await self.group(id, on: db)
        guard try await CustomersStore.addMember(customerID, to: id, now: now, on: db) else { return false }
        try await outbox.append(
            CustomerGroupMemberAdded(groupID: id, groupCode: group.code, customerID: customerID), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "customer_group.member_added", by: actor, target: ("customer_group", id.rawValue),
            detail: ["customer_id": customerID], on: db)
        return true
    }

    /// Removes the customer from the group; `false` when they were not a member.
    @discardableResult
    public func removeMember(
        _ customerID: String, from id: CustomerGroupID, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Bool {
        try Self.checkCustomer(customerID)
        let group = try await self.group(id, on: db)
        guard try await CustomersStore.removeMember(customerID, from: id, on: db) else { return false }
        try await outbox.append(
            CustomerGroupMemberRemoved(groupID: id, groupCode: group.code, customerID: customerID), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "customer_group.member_removed", by: actor, target: ("customer_group", id.rawValue),
            detail: ["customer_id": customerID], on: db)
        return true
    }

    /// 1 to 64 of `a-z 0-9 - _`, starting with a letter: safe in URLs, CSV columns and price-list keys.
    static func isValidGroupCode(_ code: String) -> Bool {
        guard (1...64).contains(code.count), let first = code.first, first.isASCII, first.isLowercase else {
            return false
        }
        return code.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
    }

    static func checkName(_ name: String, at pointer: String, in validator: inout Validator) -> String {
        let trimmed = Normalise.text(name)
        if trimmed.isEmpty || trimmed.count > 200 { validator.add(CustomersError.invalidName, at: pointer) }
        return trimmed
    }
}
