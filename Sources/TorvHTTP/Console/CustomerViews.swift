import Customers
import Foundation
import Identity
import Orders
import TorvCore

extension ConsoleOrderListView.OrderRow {
    init(_ order: Order, settings: ShopSettings) {
        self.init(
            rowOrderID: order.id.rawValue, rowNumber: order.number, rowPlaced: settings.dateTime(order.placedAt),
            rowEmail: order.email, rowStatus: ConsoleOrderWords.status(order.status),
            rowStatusCode: order.status.rawValue, rowItems: order.lines.reduce(0) { $0 + $1.quantity },
            rowTotal: settings.money(order.totals.grandTotal))
    }
}

/// The customer list: accounts, newest last, with a link to each.
struct CustomerListView {
    struct Row {
        let customerHref: String
        let customerName: String
        let customerEmail: String
        let customerSince: String
    }

    let customers: [Row]
    let hasCustomers: Bool
    let nextCustomersHref: String?
    let mayReadCompanies: Bool
}

/// One customer: their account, their company and groups, and their latest orders, each shown only to
/// staff who may read it.
struct CustomerPageView {
    let accountName: String
    let accountEmail: String
    let accountID: String
    let accountSince: String
    let companyName: String?
    let companyHref: String?
    let companyRole: String?
    let groupNames: String?
    let showsOrders: Bool
    let customerOrders: [ConsoleOrderListView.OrderRow]
    let hasCustomerOrders: Bool
}

/// The B2B companies: terms, credit and state, and the form that adds one.
struct CompanyListView {
    struct Row {
        let companyRowHref: String
        let companyRowName: String
        let companyRowVAT: String
        let companyRowTerms: String
        let companyRowCredit: String
        let companyRowStatus: String
    }

    let companies: [Row]
    let hasCompanies: Bool
    let mayManageCompanies: Bool
    let newCompany: FormValues
    let companyError: String?
    let createCompanyKey = FormGuard.randomToken()
    let currencyCode: String

    /// What was typed into the new-company form when it was refused.
    struct FormValues {
        let typedLegalName: String
        let typedVAT: String
        let typedLine1: String
        let typedCity: String
        let typedPostalCode: String
        let typedCountry: String
        let typedTerms: String
        let typedCredit: String

        init(_ form: FormData?) {
            typedLegalName = form?["legal_name"] ?? ""
            typedVAT = form?["vat_id"] ?? ""
            typedLine1 = form?["line1"] ?? ""
            typedCity = form?["city"] ?? ""
            typedPostalCode = form?["postal_code"] ?? ""
            typedCountry = form?["country"] ?? ""
            typedTerms = form?["payment_terms_days"] ?? "30"
            typedCredit = form?["credit_limit"] ?? ""
        }
    }

    init(companies: [Company], mayManage: Bool, failed: FormData?, error: String?, settings: ShopSettings) {
        self.companies = companies.map { company in
            Row(
                companyRowHref: "/admin/customers/companies/\(company.id.rawValue)", companyRowName: company.legalName,
                companyRowVAT: company.vatID ?? "—", companyRowTerms: "Net \(company.paymentTermsDays) days",
                companyRowCredit: company.creditLimit.map(settings.money) ?? "No limit",
                companyRowStatus: company.status.rawValue.capitalized)
        }
        hasCompanies = !companies.isEmpty
        mayManageCompanies = mayManage
        newCompany = FormValues(failed)
        companyError = error
        currencyCode = settings.currency.code
    }
}

/// One company: its terms, its buyers with their roles and approval limits, its orders, and the form
/// that adds a buyer.
struct CompanyPageView {
    struct Member {
        let memberCustomerHref: String
        let memberCustomerName: String
        let memberRole: String
        let memberLimit: String
    }

    let companyTitle: String
    let companyID: String
    let companyVAT: String
    let companyAddress: String
    let companyTerms: String
    let companyCredit: String
    let companyState: String
    let members: [Member]
    let hasMembers: Bool
    let mayManageMembers: Bool
    let roleOptions: [LocationStockView.Choice]
    let typedCustomer: String
    let typedApprovalLimit: String
    let memberError: String?
    let notice: String?
    let addMemberKey = FormGuard.randomToken()
    let showsCompanyOrders: Bool
    let companyOrders: [ConsoleOrderListView.OrderRow]
    let hasCompanyOrders: Bool
    let currencyCode: String
}
