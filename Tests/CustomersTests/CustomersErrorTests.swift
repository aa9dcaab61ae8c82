import Customers
import Testing
import TorvCore

@Suite("Customers errors")
struct CustomersErrorTests {
    /// Clients switch on these codes: changing one breaks them, so the table is the contract.
    @Test(
        "codes are stable snake_case and kinds are right",
        arguments: [
            (CustomersError.addressNotFound, "address_not_found", ErrorKind.notFound),
            (.groupNotFound, "group_not_found", .notFound),
            (.companyNotFound, "company_not_found", .notFound),
            (.memberNotFound, "member_not_found", .notFound),
            (.groupCodeTaken("vip"), "group_code_taken", .conflict),
            (.customerAlreadyInCompany, "customer_already_in_company", .conflict),
            (.approvalCurrencyMismatch(order: .usd, limit: .eur), "approval_currency_mismatch", .unprocessable),
            (.creditCurrencyMismatch(outstanding: .usd, limit: .eur), "credit_currency_mismatch", .unprocessable),
            (.invalidCustomerID, "invalid_customer_id", .invalid),
            (.invalidCountry, "invalid_country", .invalid),
            (.invalidPhone, "invalid_phone", .invalid),
            (.invalidLocale, "invalid_locale", .invalid),
            (.invalidGroupCode, "invalid_group_code", .invalid),
            (.invalidVATID, "invalid_vat_id", .invalid),
            (.invalidPaymentTerms(maximum: 365), "invalid_payment_terms", .invalid),
            (.approvalLimitOnlyForBuyers, "approval_limit_only_for_buyers", .invalid),
        ])
    func codes(error: CustomersError, code: String, kind: ErrorKind) {
        #expect(error.code == code)
        #expect(error.kind == kind)
        #expect(!error.message.isEmpty)
    }

    @Test("IDs carry their prefixes")
    func prefixes() {
        #expect(CustomerAddressID.generate().rawValue.hasPrefix("addr_"))
        #expect(CustomerGroupID.generate().rawValue.hasPrefix("cgrp_"))
        #expect(CompanyID.generate().rawValue.hasPrefix("comp_"))
        #expect(CustomerAddressPrefix.isValidPrefix && CustomerGroupPrefix.isValidPrefix && CompanyPrefix.isValidPrefix)
    }
}
