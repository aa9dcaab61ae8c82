import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Companies")
struct CompanyTests {
    @Test("create and update a company; both are announced and audited")
    func lifecycle() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            var draft = CompanyDraft.fixture(creditLimit: .eur(500_000))
            draft.vatID = "de 123.456.789"
            let acme = try await platform.write { [draft] customers, db in
                try await customers.createCompany(draft, by: .clerk, on: db)
            }
            #expect(acme.vatID == "DE123456789" && acme.paymentTermsDays == 30 && acme.status == .active)
            #expect(acme.creditLimit == .eur(500_000) && acme.priceListID == "prl_wholesale")

            env.clock.advance(by: 60)
            var changed = CompanyDraft.fixture("Acme AG", status: .suspended)
            changed.paymentTermsDays = 60
            changed.priceListID = nil
            let updated = try await platform.write { [changed] customers, db in
                try await customers.updateCompany(acme.id, to: changed, by: .clerk, on: db)
            }
            #expect(updated.legalName == "Acme AG" && updated.status == .suspended && updated.paymentTermsDays == 60)
            #expect(updated.creditLimit == nil && updated.priceListID == nil && updated.updatedAt == env.clock.now)
            let read = try await platform.read { customers, db in try await customers.company(acme.id, on: db) }
            #expect(read == updated)
            #expect(try await platform.events(CompanyCreated.self).map(\.companyID) == [acme.id])
            #expect(try await platform.events(CompanyUpdated.self).map(\.status) == [.suspended])
            #expect(try await platform.auditActions().sorted() == ["company.created", "company.updated"])
        }
    }

    @Test("every invalid company field is reported at once")
    func validation() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let draft = CompanyDraft(
                legalName: " ", vatID: "12345", billingAddress: .fixture(country: "ZZ"), paymentTermsDays: 400,
                creditLimit: .eur(-1), priceListID: " ")
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in try await customers.createCompany(draft, by: .clerk, on: db)
                }
            }
            #expect(
                fieldCodes(error) == [
                    "/legal_name": "invalid_name", "/vat_id": "invalid_vat_id",
                    "/billing_address/country_code": "invalid_country", "/payment_terms_days": "invalid_payment_terms",
                    "/credit_limit": "amount_must_not_be_negative", "/price_list_id": "invalid_price_list_id",
                ])
            let companies = try await platform.read { customers, db in try await customers.companies(on: db) }
            #expect(companies == [])
            await #expect(throws: CustomersError.companyNotFound) {
                try await platform.write { customers, db in
                    try await customers.updateCompany(CompanyID.generate(), to: .fixture(), by: .clerk, on: db)
                }
            }
        }
    }

    @Test("members are added, changed and removed, with events; membership(of:) finds a customer's company")
    func members() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let buyer = Customer.id()
            let boss = Customer.id()
            let acme = try await platform.write { customers, db in
                try await customers.createCompany(.fixture(), by: .clerk, on: db)
            }
            let membership = try await platform.write { customers, db in
                _ = try await customers.addBuyer(acme.id, customerID: boss, role: .admin, by: .clerk, on: db)
                return try await customers.addBuyer(
                    acme.id, customerID: buyer, role: .buyer, approvalLimit: .eur(100_000), by: .clerk, on: db)
            }
            #expect(membership.companyID == acme.id && membership.role == .buyer)
            #expect(membership.approvalLimit == .eur(100_000) && membership.companyStatus == .active)
            let found = try await platform.read { customers, db in try await customers.membership(of: buyer, on: db) }
            #expect(found == membership)
            let consumer = try await platform.read { customers, db in
                try await customers.membership(of: Customer.id(), on: db)
            }
            #expect(consumer == nil)

            let promoted = try await platform.write { customers, db in
                try await customers.updateMember(acme.id, customerID: buyer, role: .approver, by: .clerk, on: db)
            }
            #expect(promoted.role == .approver && promoted.approvalLimit == nil)

            try await platform.write { customers, db in
                try await customers.removeMember(acme.id, customerID: buyer, by: .clerk, on: db)
            }
            let members = try await platform.read { customers, db in try await customers.members(of: acme.id, on: db) }
            #expect(members.map(\.customerID) == [boss])
            #expect(try await platform.events(CompanyMemberAdded.self).map(\.customerID) == [boss, buyer])
            #expect(try await platform.events(CompanyMemberUpdated.self).map(\.role) == [.approver])
            #expect(try await platform.events(CompanyMemberRemoved.self).map(\.customerID) == [buyer])
            await #expect(throws: CustomersError.memberNotFound) {
                try await platform.write { customers, db in
                    try await customers.removeMember(acme.id, customerID: buyer, by: .clerk, on: db)
                }
            }
            await #expect(throws: CustomersError.memberNotFound) {
                try await platform.write { customers, db in
                    try await customers.updateMember(acme.id, customerID: buyer, role: .admin, by: .clerk, on: db)
                }
            }
        }
    }

    @Test("a customer belongs to at most one company, here or elsewhere")
    func oneCompanyPerCustomer() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let buyer = Customer.id()
            let (acme, globex) = try await platform.write { customers, db in
                (
                    try await customers.createCompany(.fixture("Acme"), by: .clerk, on: db),
                    try await customers.createCompany(.fixture("Globex"), by: .clerk, on: db)
                )
            }
            _ = try await platform.write { customers, db in
                try await customers.addBuyer(acme.id, customerID: buyer, by: .clerk, on: db)
            }
            for company in [acme.id, globex.id] {
                await #expect(throws: CustomersError.customerAlreadyInCompany) {
                    try await platform.write { customers, db in
                        try await customers.addBuyer(company, customerID: buyer, role: .admin, by: .clerk, on: db)
                    }
                }
            }
            let membership = try await platform.read { customers, db in
                try await customers.membership(of: buyer, on: db)
            }
            #expect(membership?.companyID == acme.id)
            #expect(try await platform.events(CompanyMemberAdded.self).count == 1)
        }
    }

    @Test(
        "when 16 companies add the same customer at once, exactly one succeeds",
        arguments: TestBackend.allCases)
    func concurrentMembership(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let buyer = Customer.id()
            var companies: [CompanyID] = []
            for index in 0..<16 {
                let company = try await platform.write { customers, db in
                    try await customers.createCompany(.fixture("Company \(index)"), by: .clerk, on: db)
                }
                companies.append(company.id)
            }
            let customers = platform.customers
            let database = env.database
            let candidates = companies
            let joined = try await withThrowingTaskGroup(of: CompanyID?.self) { group in
                for company in candidates {
                    group.addTask {
                        do {
                            _ = try await database.inTransaction { db in
                                try await customers.addBuyer(company, customerID: buyer, by: .clerk, on: db)
                            }
                            return company
                        } catch CustomersError.customerAlreadyInCompany {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: [CompanyID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(joined.count == 1)
            let membership = try await platform.read { customers, db in
                try await customers.membership(of: buyer, on: db)
            }
            #expect(membership?.companyID == joined.first)
            #expect(try await platform.events(CompanyMemberAdded.self).count == 1)
        }
    }

    @Test("approvers and admins carry no approval limit; a missing company is refused")
    func memberRefusals() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let acme = try await platform.write { customers, db in
                try await customers.createCompany(.fixture(), by: .clerk, on: db)
            }
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in
                    try await customers.addBuyer(
                        acme.id, customerID: "cus_bad", role: .approver, approvalLimit: .eur(-5), by: .clerk, on: db)
                }
            }
            #expect(
                error?.fieldErrors.map(\.code) == [
                    "invalid_customer_id", "amount_must_not_be_negative", "approval_limit_only_for_buyers",
                ])
            await #expect(throws: CustomersError.companyNotFound) {
                try await platform.write { customers, db in
                    try await customers.addBuyer(CompanyID.generate(), customerID: Customer.id(), by: .clerk, on: db)
                }
            }
        }
    }

    @Test("only approvers and admins of the buyer's own active company can approve")
    func canApprove() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let (buyer, otherBuyer, approver, admin, outsider, stranger) = (
                Customer.id(), Customer.id(), Customer.id(), Customer.id(), Customer.id(), Customer.id()
            )
            let acme = try await platform.write { customers, db in
                let acme = try await customers.createCompany(.fixture("Acme"), by: .clerk, on: db)
                let globex = try await customers.createCompany(.fixture("Globex"), by: .clerk, on: db)
                _ = try await customers.addBuyer(
                    acme.id, customerID: buyer, approvalLimit: .eur(1_000), by: .clerk, on: db)
                _ = try await customers.addBuyer(acme.id, customerID: otherBuyer, by: .clerk, on: db)
                _ = try await customers.addBuyer(acme.id, customerID: approver, role: .approver, by: .clerk, on: db)
                _ = try await customers.addBuyer(acme.id, customerID: admin, role: .admin, by: .clerk, on: db)
                _ = try await customers.addBuyer(globex.id, customerID: outsider, role: .admin, by: .clerk, on: db)
                return acme
            }
            func can(_ who: String) async throws -> Bool {
                try await platform.read { customers, db in
                    try await customers.canApprove(who, orderOfBuyer: buyer, on: db)
                }
            }
            #expect(try await can(approver))
            #expect(try await can(admin))
            #expect(try await !can(otherBuyer))
            #expect(try await !can(buyer))
            #expect(try await !can(outsider))
            #expect(try await !can(stranger))
            #expect(try await !can("not an id"))

            _ = try await platform.write { customers, db in
                try await customers.updateCompany(acme.id, to: .fixture("Acme", status: .suspended), by: .clerk, on: db)
            }
            #expect(try await !can(approver))
            #expect(try await !can(admin))
        }
    }

    @Test("the approval decision reads the buyer's membership")
    func approvalDecision() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let buyer = Customer.id()
            _ = try await platform.write { customers, db in
                let acme = try await customers.createCompany(.fixture(), by: .clerk, on: db)
                return try await customers.addBuyer(
                    acme.id, customerID: buyer, approvalLimit: .eur(1_000), by: .clerk, on: db)
            }
            let decisions = try await platform.read { customers, db in
                [
                    try await customers.approvalDecision(orderTotal: .eur(1_000), of: buyer, on: db),
                    try await customers.approvalDecision(orderTotal: .eur(1_001), of: buyer, on: db),
                    try await customers.approvalDecision(orderTotal: .eur(1_000_000), of: Customer.id(), on: db),
                ]
            }
            #expect(decisions == [.notRequired, .required(.exceedsApprovalLimit(limit: .eur(1_000))), .notRequired])
        }
    }
}
