import Customers
import Flows
import Foundation
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    /// A customer edits their own profile and address book; the audit log names them as the actor.
    func customerActor() throws -> (id: String, actor: AuditActor) {
        let id = try Caller.customer().rawValue
        return (id, AuditActor(kind: "customer", id: id, requestID: RequestInfo.requestID))
    }

    func getMyProfile(_ input: Operations.GetMyProfile.Input) async throws -> Operations.GetMyProfile.Output {
        let id = try Caller.customer().rawValue
        let customers = platform.customers
        let profile = try await platform.database.read { db in try await customers.profile(of: id, on: db) }
        return .ok(.init(body: .json(.init(profile))))
    }

    func updateMyProfile(_ input: Operations.UpdateMyProfile.Input) async throws -> Operations.UpdateMyProfile.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = try customerActor()
        let draft = CustomerProfileDraft(
            displayName: body.displayName, phone: body.phone, locale: body.locale,
            marketingConsent: body.marketingConsent)
        let customers = platform.customers
        let profile = try await platform.database.inTransaction { db in
            try await customers.updateProfile(of: id, to: draft, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(profile))))
    }

    func listMyAddresses(_ input: Operations.ListMyAddresses.Input) async throws -> Operations.ListMyAddresses.Output {
        let id = try Caller.customer().rawValue
        let customers = platform.customers
        let addresses = try await platform.database.read { db in try await customers.addresses(of: id, on: db) }
        return .ok(.init(body: .json(.init(items: addresses.map(Components.Schemas.SavedAddress.init)))))
    }

    func addMyAddress(_ input: Operations.AddMyAddress.Input) async throws -> Operations.AddMyAddress.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = try customerActor()
        let address = body.address
        let draft = CustomerAddressDraft(
            label: body.label,
            address: StreetAddress(
                recipient: address.name, company: address.company, line1: address.line1, line2: address.line2,
                city: address.city, region: address.region, postalCode: address.postalCode,
                countryCode: address.country, phone: address.phone),
            isDefaultShipping: body.defaultShipping ?? false, isDefaultBilling: body.defaultBilling ?? false)
        let customers = platform.customers
        do {
            let saved = try await platform.database.inTransaction { db in
                try await customers.addAddress(draft, of: id, by: actor, on: db)
            }
            return .created(.init(body: .json(.init(saved))))
        } catch let error as ValidationError {
            throw error.inAPIAddressTerms()
        }
    }

    func removeMyAddress(_ input: Operations.RemoveMyAddress.Input) async throws -> Operations.RemoveMyAddress.Output {
        let (id, actor) = try customerActor()
        let address = try pathID(
            input.path.addressId, as: CustomerAddressID.self, notFound: CustomersError.addressNotFound)
        let customers = platform.customers
        try await platform.database.inTransaction { db in
            try await customers.removeAddress(address, of: id, by: actor, on: db)
        }
        return .noContent(.init())
    }

    func listCustomerGroups(
        _ input: Operations.ListCustomerGroups.Input
    ) async throws -> Operations.ListCustomerGroups.Output {
        let customers = platform.customers
        let groups = try await platform.database.read { db in try await customers.groups(on: db) }
        return .ok(.init(body: .json(.init(items: groups.map(Components.Schemas.CustomerGroup.init)))))
    }

    func createCustomerGroup(
        _ input: Operations.CreateCustomerGroup.Input
    ) async throws -> Operations.CreateCustomerGroup.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let customers = platform.customers
        let group = try await platform.database.inTransaction { db in
            try await customers.createGroup(code: body.code, name: body.name, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(group))))
    }

    func addCustomerGroupMember(
        _ input: Operations.AddCustomerGroupMember.Input
    ) async throws -> Operations.AddCustomerGroupMember.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let groupID = try pathID(input.path.groupId, as: CustomerGroupID.self, notFound: CustomersError.groupNotFound)
        let actor = try actor()
        let customers = platform.customers
        let (group, members) = try await platform.database.inTransaction { db in
            _ = try await customers.addMember(body.customerId, to: groupID, by: actor, on: db)
            return (try await customers.group(groupID, on: db), try await customers.members(of: groupID, on: db))
        }
        return .ok(.init(body: .json(.init(group: .init(group), members: members))))
    }
}

extension Components.Schemas.CustomerProfile {
    init(_ profile: CustomerProfile) {
        self.init(
            customerId: profile.customerID, displayName: profile.displayName, phone: profile.phone,
            locale: profile.locale, marketingConsent: profile.marketingConsent,
            marketingConsentChangedAt: profile.marketingConsentChangedAt)
    }
}

extension Components.Schemas.SavedAddress {
    init(_ saved: CustomerAddress) {
        let address = saved.address
        self.init(
            id: saved.id.rawValue, label: saved.label,
            address: .init(
                name: address.recipient, company: address.company, line1: address.line1, line2: address.line2,
                city: address.city, postalCode: address.postalCode, region: address.region,
                country: address.countryCode, phone: address.phone),
            defaultShipping: saved.isDefaultShipping, defaultBilling: saved.isDefaultBilling)
    }
}

extension Components.Schemas.CustomerGroup {
    init(_ group: CustomerGroup) {
        self.init(id: group.id.rawValue, code: group.code, name: group.name)
    }
}

extension ValidationError {
    /// Customers names address fields after its street address (`recipient`, `country_code`); the API
    /// uses the checkout address everywhere (`name`, `country`), so pointers are renamed to match.
    func inAPIAddressTerms() -> ValidationError {
        ValidationError(
            fieldErrors.map { field in
                var field = field
                field.pointer = field.pointer.replacingOccurrences(of: "/country_code", with: "/country")
                    .replacingOccurrences(of: "/recipient", with: "/name")
                return field
            })
    }
}
