import Catalog
import Customers
import Flows
import Foundation
import Orders
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listApprovals(_ input: Operations.ListApprovals.Input) async throws -> Operations.ListApprovals.Output {
        let orders = try await OrderApprovals.queue(for: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(items: orders.map { .init($0) }))))
    }

    func approveOrder(_ input: Operations.ApproveOrder.Input) async throws -> Operations.ApproveOrder.Output {
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let order = try await OrderApprovals.approve(id, by: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(order))))
    }

    func rejectOrder(_ input: Operations.RejectOrder.Input) async throws -> Operations.RejectOrder.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.orderId, as: OrderID.self, notFound: OrdersError.orderNotFound)
        let order = try await OrderApprovals.reject(
            id, reason: body.reason, by: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(order))))
    }

    func listCompanies(_ input: Operations.ListCompanies.Input) async throws -> Operations.ListCompanies.Output {
        let customers = platform.customers
        let companies = try await platform.database.read { db in try await customers.companies(on: db) }
        return .ok(.init(body: .json(.init(items: companies.map(Components.Schemas.Company.init)))))
    }

    func createCompany(_ input: Operations.CreateCompany.Input) async throws -> Operations.CreateCompany.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = CompanyDraft(
            legalName: body.legalName, vatID: body.vatId,
            billingAddress: StreetAddress(
                recipient: body.billingAddress.name, company: body.billingAddress.company,
                line1: body.billingAddress.line1, line2: body.billingAddress.line2, city: body.billingAddress.city,
                region: body.billingAddress.region, postalCode: body.billingAddress.postalCode,
                countryCode: body.billingAddress.country, phone: body.billingAddress.phone),
            paymentTermsDays: body.paymentTermsDays ?? 30,
            creditLimit: try body.creditLimit.map { try Self.money($0, at: "/credit_limit") },
            priceListID: body.priceListId)
        let priceList = try body.priceListId.map { text in
            guard let id = PriceListID(text) else {
                throw ValidationError([
                    FieldError(pointer: "/price_list_id", message: "is not a price list ID", code: "invalid_id")
                ])
            }
            return id
        }
        let catalog = platform.catalog
        let actor = try actor()
        let customers = platform.customers
        do {
            let company = try await platform.database.inTransaction { db in
                if let priceList, (try? await catalog.priceList(priceList, on: db)) == nil {
                    throw ValidationError([
                        FieldError(
                            pointer: "/price_list_id", message: "is not a price list of this shop",
                            code: "price_list_not_found")
                    ])
                }
                return try await customers.createCompany(draft, by: actor, on: db)
            }
            return .created(.init(body: .json(.init(company))))
        } catch let error as ValidationError {
            throw error.inAPIAddressTerms()
        }
    }

    func addCompanyMember(_ input: Operations.AddCompanyMember.Input) async throws -> Operations.AddCompanyMember.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let company = try pathID(input.path.companyId, as: CompanyID.self, notFound: CustomersError.companyNotFound)
        let role = CompanyRole(rawValue: body.role.rawValue) ?? .buyer
        let limit = try body.approvalLimit.map { try Self.money($0, at: "/approval_limit") }
        let actor = try actor()
        let customers = platform.customers
        let member = try await platform.database.inTransaction { db in
            try await customers.addBuyer(
                company, customerID: body.customerId, role: role, approvalLimit: limit, by: actor, on: db)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        companyId: member.companyID.rawValue, customerId: member.customerID,
                        role: .init(rawValue: member.role.rawValue) ?? .buyer,
                        approvalLimit: member.approvalLimit.map(Components.Schemas.Money.init)))))
    }

}

extension Components.Schemas.Company {
    init(_ company: Company) {
        let address = company.billingAddress
        self.init(
            id: company.id.rawValue, legalName: company.legalName, vatId: company.vatID,
            billingAddress: .init(
                name: address.recipient, company: address.company, line1: address.line1, line2: address.line2,
                city: address.city, postalCode: address.postalCode, region: address.region,
                country: address.countryCode, phone: address.phone),
            paymentTermsDays: company.paymentTermsDays,
            creditLimit: company.creditLimit.map(Components.Schemas.Money.init), priceListId: company.priceListID,
            status: company.status == .active ? .active : .suspended)
    }
}
