import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// B2B companies: staff register them and manage their terms and members.
extension Customers {
    /// Payment terms beyond a year are not trade credit any more but a loan.
    public static let maximumPaymentTermsDays = 365

    public func createCompany(
        _ draft: CompanyDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Company {
        let draft = try Self.validate(draft)
        let now = self.now
        let company = Company(
            id: CompanyID.generate(ids, at: now), legalName: draft.legalName, vatID: draft.vatID,
            billingAddress: draft.billingAddress, paymentTermsDays: draft.paymentTermsDays,
            creditLimit: draft.creditLimit, priceListID: draft.priceListID, status: draft.status, createdAt: now,
            updatedAt: now)
        try await CustomersStore.insert(company, on: db)
        try await outbox.append(
            CompanyCreated(companyID: company.id, legalName: company.legalName, status: company.status), on: db,
            requestID: actor.requestID)
        try await audit.record(
            "company.created", by: actor, target: ("company", company.id.rawValue),
            detail: ["legal_name": company.legalName, "status": company.status.rawValue], on: db)
        return company
    }

    /// Replaces a company's details, terms and status. Suspending keeps its members; it stops approvals
    /// (``canApprove(_:orderOfBuyer:on:)``) and credit (``CreditPolicy``).
    public func updateCompany(
        _ id: CompanyID, to draft: CompanyDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Company {
        let draft = try Self.validate(draft)
        guard let company = try await CustomersStore.update(id, to: draft, now: now, on: db) else {
            throw CustomersError.companyNotFound
        }
        try await outbox.append(
            CompanyUpdated(companyID: id, status: company.status), on: db, requestID: actor.requestID)
        try await audit.record(
            "company.updated", by: actor, target: ("company", id.rawValue),
            detail: ["legal_name": company.legalName, "status": company.status.rawValue], on: db)
        return company
    }

    public func company(_ id: CompanyID, on db: any SQLDatabase) async throws -> Company {
        guard let company = try await CustomersStore.company(id, on: db) else { throw CustomersError.companyNotFound }
        return company
    }

    /// The company with its row locked until the transaction ends (PostgreSQL; SQLite writers are serial
    /// anyway), so checks of one company's credit run one after the other.
    public func lockedCompany(_ id: CompanyID, on db: any SQLDatabase) async throws -> Company {
        if db.backend == .postgres {
            try await db.raw("SELECT id FROM customers_companies WHERE id = \(bind: id.rawValue) FOR UPDATE").run()
        }
        return try await company(id, on: db)
    }

    /// Every company, by legal name.
    public func companies(on db: any SQLDatabase) async throws -> [Company] {
        try await CustomersStore.companies(on: db)
    }

    /// The credit a company has left for invoice orders; see ``CreditPolicy/availableCredit(of:outstanding:)``.
    /// Customers keeps no invoices: `outstanding` is the caller's (finance's, later) to supply.
    public func availableCredit(of company: Company, outstanding: Money) throws(CustomersError) -> Money? {
        try CreditPolicy.availableCredit(of: company, outstanding: outstanding)
    }

    static func validate(_ draft: CompanyDraft) throws(ValidationError) -> CompanyDraft {
        var validator = Validator()
        var result = draft
        result.legalName = checkName(draft.legalName, at: "/legal_name", in: &validator)
        if let vat = draft.vatID, !Normalise.text(vat).isEmpty {
            let normalised = Normalise.vatID(vat)
            result.vatID = normalised
            if !isPlausibleVATID(normalised) { validator.add(CustomersError.invalidVATID, at: "/vat_id") }
        } else {
            result.vatID = nil
        }
        result.billingAddress = validator.address(draft.billingAddress, at: "/billing_address")
        if !(0...maximumPaymentTermsDays).contains(draft.paymentTermsDays) {
            validator.add(
                CustomersError.invalidPaymentTerms(maximum: maximumPaymentTermsDays), at: "/payment_terms_days")
        }
        validator.nonNegative(draft.creditLimit, at: "/credit_limit")
        if let priceList = draft.priceListID {
            let trimmed = Normalise.text(priceList)
            result.priceListID = trimmed
            if trimmed.isEmpty || trimmed.count > 100 {
                validator.add(CustomersError.invalidPriceListID, at: "/price_list_id")
            }
        }
        try validator.finish()
        return result
    }

    /// The shape of EU VAT numbers (a country prefix, then 2 to 13 letters or digits), which also fits
    /// most other countries' tax numbers. Whether the number is registered is VIES's question (a gap).
    static func isPlausibleVATID(_ vatID: String) -> Bool {
        let utf8 = Array(vatID.utf8)
        guard (4...15).contains(utf8.count) else { return false }
        let isLetter = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return isLetter(utf8[0]) && isLetter(utf8[1]) && utf8.dropFirst(2).allSatisfy { isLetter($0) || isDigit($0) }
            && utf8.dropFirst(2).contains(where: isDigit)
    }
}
