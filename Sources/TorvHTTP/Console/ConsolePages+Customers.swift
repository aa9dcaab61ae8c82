import Customers
import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Orders
import Persistence
import TorvCore

/// The console's customers: accounts with their company, groups and orders, and the B2B companies with
/// their terms and buyers, with the admin API's permissions (`identity.customers.read`,
/// `customers.companies.read` / `.manage`, `orders.read` for the orders shown).
extension ConsolePages {
    func registerCustomers(on router: Router<TorvRequestContext>) {
        router.get("/admin/customers") { request, context in
            await page(request, context, permission: .identityCustomersRead) { visit in
                try await customerList(request, visit: visit)
            }
        }
        router.get("/admin/customers/accounts/:customer_id") { request, context in
            await page(request, context, permission: .identityCustomersRead) { visit in
                try await customerPage(request, id: context.parameters.get("customer_id") ?? "", visit: visit)
            }
        }
        router.get("/admin/customers/companies") { request, context in
            await page(request, context, permission: .customersCompaniesRead) { visit in
                try await companyList(request, visit: visit)
            }
        }
        router.post("/admin/customers/companies") { request, context in
            await post(request, context, permission: .customersCompaniesManage) { visit, form in
                try await createCompany(request, form: form, visit: visit)
            }
        }
        router.get("/admin/customers/companies/:company_id") { request, context in
            await page(request, context, permission: .customersCompaniesRead) { visit in
                try await companyPage(request, id: context.parameters.get("company_id") ?? "", visit: visit)
            }
        }
        router.post("/admin/customers/companies/:company_id/members") { request, context in
            await post(request, context, permission: .customersCompaniesManage) { visit, form in
                try await addCompanyMember(
                    request, id: context.parameters.get("company_id") ?? "", form: form, visit: visit)
            }
        }
    }

    static let customerPageSize = 50

    private func customerList(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let after = query["after"].flatMap(CustomerID.init)
        let (identity, limit) = (platform.identity, Self.customerPageSize)
        let accounts = try await platform.database.read { db in
            try await identity.customers(after: after, limit: limit + 1, on: db)
        }
        let shown = Array(accounts.prefix(limit))
        let view = CustomerListView(
            customers: shown.map {
                CustomerListView.Row(
                    customerHref: "/admin/customers/accounts/\($0.id.rawValue)", customerName: $0.name,
                    customerEmail: $0.email, customerSince: settings.date($0.createdAt))
            }, hasCustomers: !shown.isEmpty,
            nextCustomersHref: accounts.count > limit
                ? shown.last.map { "/admin/customers?after=\($0.id.rawValue)" } : nil,
            mayReadCompanies: visit.may(.customersCompaniesRead))
        return try render(
            "console-customers", title: "Customers", section: .customers, view: view, visit: visit, request: request)
    }

    private func customerPage(_ request: Request, id text: String, visit: StaffVisit) async throws -> Response {
        let id = try pathID(text, as: CustomerID.self, notFound: IdentityError.customerNotFound)
        let (identity, customers, orders) = (platform.identity, platform.customers, platform.orders)
        let (mayCompanies, mayGroups, mayOrders) = (
            visit.may(.customersCompaniesRead), visit.may(.customersGroupsRead), visit.may(.ordersRead)
        )
        let (account, company, membership, groups, recent) = try await platform.database.read { db in
            let account = try await identity.customer(id, on: db)
            let membership = mayCompanies ? try await customers.membership(of: id.rawValue, on: db) : nil
            var company: Company?
            if let membership { company = try await customers.company(membership.companyID, on: db) }
            let groups = mayGroups ? try await customers.groups(of: id.rawValue, on: db) : []
            let recent = mayOrders ? try await orders.orders(ofCustomer: id.rawValue, limit: 20, on: db) : []
            return (account, company, membership, groups, recent)
        }
        let view = CustomerPageView(
            accountName: account.name, accountEmail: account.email, accountID: account.id.rawValue,
            accountSince: settings.date(account.createdAt), companyName: company?.legalName,
            companyHref: company.map { "/admin/customers/companies/\($0.id.rawValue)" },
            companyRole: membership?.role.rawValue,
            groupNames: groups.isEmpty ? nil : groups.map(\.name).joined(separator: ", "), showsOrders: mayOrders,
            customerOrders: recent.map { .init($0, settings: settings) }, hasCustomerOrders: !recent.isEmpty)
        return try render(
            "console-customer", title: account.name, section: .customers, view: view, visit: visit, request: request)
    }

    private func companyList(
        _ request: Request, visit: StaffVisit, failed: FormData? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let customers = platform.customers
        let companies = try await platform.database.read { db in try await customers.companies(on: db) }
        let view = CompanyListView(
            companies: companies, mayManage: visit.may(.customersCompaniesManage), failed: failed, error: error,
            settings: settings)
        return try render(
            "console-companies", title: "Companies", section: .customers, view: view, visit: visit, request: request,
            status: status)
    }

    private func createCompany(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.customers.companies.create"
        let refuse = { (message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome in
            .refused(try await companyList(request, visit: visit, failed: form, error: message, status: status))
        }
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            guard let terms = Int((form["payment_terms_days"] ?? "30").trimmingCharacters(in: .whitespaces)) else {
                return try await refuse("Payment terms must be a whole number of days.", .unprocessableContent)
            }
            var creditLimit: Money?
            if let text = Self.optional(form["credit_limit"]) {
                guard let limit = try? Money.parse(text, currency: settings.currency) else {
                    return try await refuse(
                        "Credit limit must be an amount such as 5000.00 in \(settings.currency.code).",
                        .unprocessableContent)
                }
                creditLimit = limit
            }
            let legalName = form["legal_name"] ?? ""
            let draft = CompanyDraft(
                legalName: legalName, vatID: Self.optional(form["vat_id"]),
                billingAddress: StreetAddress(
                    recipient: legalName, company: legalName, line1: form["line1"] ?? "", line2: nil,
                    city: form["city"] ?? "", region: nil, postalCode: form["postal_code"] ?? "",
                    countryCode: (form["country"] ?? "").uppercased(), phone: nil),
                paymentTermsDays: terms, creditLimit: creditLimit, priceListID: nil)
            let (customers, actor) = (platform.customers, visit.actor)
            do {
                let company = try await platform.database.inTransaction { db in
                    try await customers.createCompany(draft, by: actor, on: db)
                }
                return .redirect("/admin/customers/companies/\(company.id.rawValue)?done=created")
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refuse(ConsoleFormRefusal.sentence(error), status)
            }
        }
    }

    private func companyPage(
        _ request: Request, id text: String, visit: StaffVisit, failed: FormData? = nil, error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(text, as: CompanyID.self, notFound: CustomersError.companyNotFound)
        let (identity, customers, orders) = (platform.identity, platform.customers, platform.orders)
        let mayOrders = visit.may(.ordersRead)
        let (company, members, names, companyOrders) = try await platform.database.read { db in
            let company = try await customers.company(id, on: db)
            let members = try await customers.members(of: id, on: db)
            var names: [String: String] = [:]
            for member in members {
                if let customer = CustomerID(member.customerID),
                    let account = try? await identity.customer(customer, on: db)
                {
                    names[member.customerID] = "\(account.name) (\(account.email))"
                }
            }
            let companyOrders =
                mayOrders
                ? try await orders.orders(matching: OrderQuery(companyID: id.rawValue), limit: 20, on: db) : []
            return (company, members, names, companyOrders)
        }
        let address = company.billingAddress
        let chosenRole = failed?["role"] ?? CompanyRole.buyer.rawValue
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let view = CompanyPageView(
            companyTitle: company.legalName, companyID: company.id.rawValue, companyVAT: company.vatID ?? "—",
            companyAddress: "\(address.line1), \(address.postalCode) \(address.city), \(address.countryCode)",
            companyTerms: "Net \(company.paymentTermsDays) days",
            companyCredit: company.creditLimit.map(settings.money) ?? "No limit",
            companyState: company.status.rawValue.capitalized,
            members: members.map { member in
                CompanyPageView.Member(
                    memberCustomerHref: "/admin/customers/accounts/\(member.customerID)",
                    memberCustomerName: names[member.customerID] ?? member.customerID,
                    memberRole: member.role.rawValue.capitalized,
                    memberLimit: member.approvalLimit.map(settings.money) ?? "—")
            }, hasMembers: !members.isEmpty, mayManageMembers: visit.may(.customersCompaniesManage),
            roleOptions: CompanyRole.allCases.map {
                LocationStockView.Choice(
                    choiceValue: $0.rawValue, choiceLabel: $0.rawValue.capitalized,
                    choiceSelected: $0.rawValue == chosenRole)
            }, typedCustomer: failed?["customer"] ?? "", typedApprovalLimit: failed?["approval_limit"] ?? "",
            memberError: error, notice: CompanyNotice.from(query),
            showsCompanyOrders: mayOrders, companyOrders: companyOrders.map { .init($0, settings: settings) },
            hasCompanyOrders: !companyOrders.isEmpty, currencyCode: settings.currency.code)
        return try render(
            "console-company", title: company.legalName, section: .customers, view: view, visit: visit,
            request: request, status: status)
    }

    private func addCompanyMember(
        _ request: Request, id text: String, form: FormData, visit: StaffVisit
    ) async throws
        -> Response
    {
        let id = try pathID(text, as: CompanyID.self, notFound: CustomersError.companyNotFound)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.customers.companies.members"
        let refuse = { (message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome in
            .refused(
                try await companyPage(request, id: text, visit: visit, failed: form, error: message, status: status))
        }
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let typed = (form["customer"] ?? "").trimmingCharacters(in: .whitespaces)
            var limit: Money?
            if let text = Self.optional(form["approval_limit"]) {
                guard let amount = try? Money.parse(text, currency: settings.currency) else {
                    return try await refuse(
                        "Approval limit must be an amount such as 1000.00 in \(settings.currency.code).",
                        .unprocessableContent)
                }
                limit = amount
            }
            let role = form["role"].flatMap(CompanyRole.init(rawValue:)) ?? .buyer
            let (identity, customers, actor, approvalLimit) = (
                platform.identity, platform.customers, visit.actor, limit
            )
            do {
                try await platform.database.inTransaction { db in
                    // Staff know buyers by e-mail; the API takes the account ID. Either works here.
                    let customer: CustomerID
                    if let given = CustomerID(typed) {
                        customer = try await identity.customer(given, on: db).id
                    } else if let found = try await identity.customer(email: typed, on: db) {
                        customer = found.id
                    } else {
                        throw IdentityError.customerNotFound
                    }
                    _ = try await customers.addBuyer(
                        id, customerID: customer.rawValue, role: role, approvalLimit: approvalLimit, by: actor, on: db)
                }
                return .redirect("/admin/customers/companies/\(id.rawValue)?done=member_added")
            } catch let error as IdentityError where error == .customerNotFound {
                return try await refuse("No customer account has this e-mail address or ID.", .unprocessableContent)
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refuse(ConsoleFormRefusal.sentence(error), status)
            }
        }
    }
}

/// The confirmation a company page shows after a form did its work.
enum CompanyNotice: String, CaseIterable {
    case created
    case memberAdded = "member_added"

    var message: String {
        switch self {
        case .created: "The company was created. Add its buyers below."
        case .memberAdded: "The buyer was added to the company."
        }
    }

    static func from(_ query: FormData) -> String? { query["done"].flatMap(Self.init(rawValue:))?.message }
}

extension Permission {
    static let identityCustomersRead: Permission = "identity.customers.read"
    static let customersCompaniesRead: Permission = "customers.companies.read"
    static let customersCompaniesManage: Permission = "customers.companies.manage"
    static let customersGroupsRead: Permission = "customers.groups.read"
}
