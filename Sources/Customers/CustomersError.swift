public import TorvCore

/// Customers' refusals, with stable codes that clients switch on.
///
/// The first group describes one bad input field; facades collect them with a `Validator` and throw
/// them together as a `ValidationError` (code `validation_failed`), each field error carrying one of
/// these codes and its JSON pointer. The rest are thrown on their own.
public enum CustomersError: DomainError, Equatable {
    // MARK: Field problems (collected)
    case invalidCustomerID
    case invalidDisplayName
    case invalidPhone
    case invalidLocale
    case invalidCountry
    case fieldRequired
    case fieldTooLong(maximum: Int)
    case invalidGroupCode
    case invalidName
    case invalidVATID
    case invalidPaymentTerms(maximum: Int)
    case amountMustNotBeNegative
    case approvalLimitOnlyForBuyers
    case invalidPriceListID

    // MARK: Refusals
    /// The address does not exist or belongs to another customer; the two answer alike so that
    /// address IDs cannot be probed.
    case addressNotFound
    case groupNotFound
    case groupCodeTaken(String)
    case companyNotFound
    /// A customer belongs to at most one company.
    case customerAlreadyInCompany
    case memberNotFound
    /// An order total and a buyer's approval limit are in different currencies; there is no rate to compare them.
    case approvalCurrencyMismatch(order: Currency, limit: Currency)
    /// Outstanding invoices and the company's credit limit are in different currencies.
    case creditCurrencyMismatch(outstanding: Currency, limit: Currency)

    public var code: String {
        switch self {
        case .invalidCustomerID: "invalid_customer_id"
        case .invalidDisplayName: "invalid_display_name"
        case .invalidPhone: "invalid_phone"
        case .invalidLocale: "invalid_locale"
        case .invalidCountry: "invalid_country"
        case .fieldRequired: "field_required"
        case .fieldTooLong: "field_too_long"
        case .invalidGroupCode: "invalid_group_code"
        case .invalidName: "invalid_name"
        case .invalidVATID: "invalid_vat_id"
        case .invalidPaymentTerms: "invalid_payment_terms"
        case .amountMustNotBeNegative: "amount_must_not_be_negative"
        case .approvalLimitOnlyForBuyers: "approval_limit_only_for_buyers"
        case .invalidPriceListID: "invalid_price_list_id"
        case .addressNotFound: "address_not_found"
        case .groupNotFound: "group_not_found"
        case .groupCodeTaken: "group_code_taken"
        case .companyNotFound: "company_not_found"
        case .customerAlreadyInCompany: "customer_already_in_company"
        case .memberNotFound: "member_not_found"
        case .approvalCurrencyMismatch: "approval_currency_mismatch"
        case .creditCurrencyMismatch: "credit_currency_mismatch"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .invalidCustomerID, .invalidDisplayName, .invalidPhone, .invalidLocale, .invalidCountry, .fieldRequired,
            .fieldTooLong, .invalidGroupCode, .invalidName, .invalidVATID, .invalidPaymentTerms,
            .amountMustNotBeNegative, .approvalLimitOnlyForBuyers, .invalidPriceListID:
            .invalid
        case .addressNotFound, .groupNotFound, .companyNotFound, .memberNotFound: .notFound
        case .groupCodeTaken, .customerAlreadyInCompany: .conflict
        case .approvalCurrencyMismatch, .creditCurrencyMismatch: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .invalidCustomerID: "must be a customer ID (cus_…)"
        case .invalidDisplayName: "must be 1 to 100 characters without line breaks"
        case .invalidPhone: "must be an international number such as +49 30 1234567"
        case .invalidLocale: "must be a language tag such as de or de-AT"
        case .invalidCountry: "must be an ISO 3166-1 alpha-2 country code such as DE"
        case .fieldRequired: "must not be empty"
        case .fieldTooLong(let maximum): "must be at most \(maximum) characters"
        case .invalidGroupCode: "must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter"
        case .invalidName: "must be 1 to 200 characters"
        case .invalidVATID: "must be a VAT ID such as DE123456789"
        case .invalidPaymentTerms(let maximum): "must be between 0 and \(maximum) days"
        case .amountMustNotBeNegative: "must not be negative"
        case .approvalLimitOnlyForBuyers: "only buyers have an approval limit; approvers and admins never need approval"
        case .invalidPriceListID: "must be 1 to 100 characters"
        case .addressNotFound: "There is no such address."
        case .groupNotFound: "There is no such customer group."
        case .groupCodeTaken(let code): "A customer group with the code \(code) exists already."
        case .companyNotFound: "There is no such company."
        case .customerAlreadyInCompany: "The customer already belongs to a company."
        case .memberNotFound: "The customer is not a member of this company."
        case .approvalCurrencyMismatch(let order, let limit):
            "The order is in \(order.code) but the buyer's approval limit is in \(limit.code)."
        case .creditCurrencyMismatch(let outstanding, let limit):
            "The outstanding amount is in \(outstanding.code) but the credit limit is in \(limit.code)."
        }
    }
}
