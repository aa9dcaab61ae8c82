public import TorvCore

/// Purchasing's refusals, with stable codes that clients switch on.
///
/// The first group describes one bad input field; facades collect them with a `Validator` and throw them
/// together as a `ValidationError` (code `validation_failed`), each field error carrying one of these
/// codes and its JSON pointer. The rest are thrown on their own.
public enum PurchasingError: DomainError, Hashable {
    // MARK: Field problems (collected)
    case invalidName
    case supplierNameTaken(String)
    case invalidEmail
    case invalidPaymentTerms
    case currencyLocked
    case skuRequired
    case quantityMustBePositive
    case quantityTooLarge(maximum: Int)
    case invalidUnitCost
    case currencyMismatch(expected: Currency)
    case linesRequired
    case tooManyLines(maximum: Int)
    case duplicateLine
    case noSupplierCost(sku: String)
    case belowMinimumOrderQuantity(minimum: Int)
    case invalidLeadTime
    case invalidMinimumOrderQuantity
    case locationRequired
    case unknownSupplier
    case supplierInactive
    case unknownOrderLine
    case overReceipt(open: Int)
    case overReturn(returnable: Int)
    case invalidText(maximum: Int)
    case reasonRequired
    case invoiceNumberRequired
    case duplicateBillNumber
    case totalMismatch(expected: Money)
    case dueBeforeBillDate
    case invalidAmount
    case invalidTaxRate
    case taxRateRequired
    case referenceRequired

    // MARK: Refusals
    case supplierNotFound
    case orderNotFound
    case receiptNotFound
    case billNotFound
    /// The order is `status`, from which `action` is not allowed.
    case invalidTransition(from: PurchaseOrderStatus, action: PurchaseOrderAction)
    /// Goods already arrived, so the order can no longer be cancelled (close it instead).
    case goodsAlreadyReceived
    /// The bill is `approval`, not on hold.
    case billNotOnHold(BillApproval)
    /// Only approved bills are paid.
    case billNotApproved(BillApproval)
    case paymentExceedsOpenAmount(open: Money)
    /// The payment reference was used before on this bill for another amount.
    case paymentReferenceReused
    /// Active suppliers price the SKU in several currencies; name the one to compare in.
    case sourcesInSeveralCurrencies(sku: String, currencies: [String])

    public var code: String {
        switch self {
        case .invalidName: "invalid_name"
        case .supplierNameTaken: "supplier_name_taken"
        case .invalidEmail: "invalid_email"
        case .invalidPaymentTerms: "invalid_payment_terms"
        case .currencyLocked: "currency_locked"
        case .skuRequired: "sku_required"
        case .quantityMustBePositive: "quantity_must_be_positive"
        case .quantityTooLarge: "quantity_too_large"
        case .invalidUnitCost: "invalid_unit_cost"
        case .currencyMismatch: "currency_mismatch"
        case .linesRequired: "lines_required"
        case .tooManyLines: "too_many_lines"
        case .duplicateLine: "duplicate_line"
        case .noSupplierCost: "no_supplier_cost"
        case .belowMinimumOrderQuantity: "below_minimum_order_quantity"
        case .invalidLeadTime: "invalid_lead_time"
        case .invalidMinimumOrderQuantity: "invalid_minimum_order_quantity"
        case .locationRequired: "location_required"
        case .unknownSupplier: "unknown_supplier"
        case .supplierInactive: "supplier_inactive"
        case .unknownOrderLine: "unknown_order_line"
        case .overReceipt: "over_receipt"
        case .overReturn: "over_return"
        case .invalidText: "invalid_text"
        case .reasonRequired: "reason_required"
        case .invoiceNumberRequired: "invoice_number_required"
        case .duplicateBillNumber: "duplicate_bill_number"
        case .totalMismatch: "total_mismatch"
        case .dueBeforeBillDate: "due_before_bill_date"
        case .invalidAmount: "invalid_amount"
        case .invalidTaxRate: "invalid_tax_rate"
        case .taxRateRequired: "tax_rate_required"
        case .referenceRequired: "reference_required"
        case .supplierNotFound: "supplier_not_found"
        case .orderNotFound: "purchase_order_not_found"
        case .receiptNotFound: "receipt_not_found"
        case .billNotFound: "bill_not_found"
        case .invalidTransition: "invalid_transition"
        case .goodsAlreadyReceived: "goods_already_received"
        case .billNotOnHold: "bill_not_on_hold"
        case .billNotApproved: "bill_not_approved"
        case .paymentExceedsOpenAmount: "payment_exceeds_open_amount"
        case .paymentReferenceReused: "payment_reference_reused"
        case .sourcesInSeveralCurrencies: "sources_in_several_currencies"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .supplierNotFound, .orderNotFound, .receiptNotFound, .billNotFound: .notFound
        case .invalidTransition, .goodsAlreadyReceived, .billNotOnHold, .billNotApproved, .paymentExceedsOpenAmount,
            .paymentReferenceReused:
            .conflict
        case .sourcesInSeveralCurrencies: .unprocessable
        default: .invalid
        }
    }

    public var message: String {
        switch self {
        case .invalidName: "must be 1 to 200 characters"
        case .supplierNameTaken(let name): "another supplier is already called \(name)"
        case .invalidEmail: "must be an email address"
        case .invalidPaymentTerms: "must be 0 to 365 days"
        case .currencyLocked: "cannot change while the supplier has prices or orders in its current currency"
        case .skuRequired: "must name a SKU"
        case .quantityMustBePositive: "must be at least 1"
        case .quantityTooLarge(let maximum): "must be at most \(maximum)"
        case .invalidUnitCost: "must be between 0 and 100000000.00"
        case .currencyMismatch(let expected): "must be in \(expected.code)"
        case .linesRequired: "must contain at least one line"
        case .tooManyLines(let maximum): "must contain at most \(maximum) lines"
        case .duplicateLine: "names the same line twice"
        case .noSupplierCost(let sku): "the supplier has no price for \(sku); give a unit cost"
        case .belowMinimumOrderQuantity(let minimum): "the supplier takes orders of at least \(minimum)"
        case .invalidLeadTime: "must be 0 to 365 days"
        case .invalidMinimumOrderQuantity: "must be at least 1"
        case .locationRequired: "must name a stock location"
        case .unknownSupplier: "there is no such supplier"
        case .supplierInactive: "the supplier is inactive"
        case .unknownOrderLine: "is not a line of this order"
        case .overReceipt(let open): "only \(open) units are still to arrive"
        case .overReturn(let returnable): "only \(returnable) units of this receipt can be returned"
        case .invalidText(let maximum): "must be at most \(maximum) characters"
        case .reasonRequired: "must give a reason"
        case .invoiceNumberRequired: "must be 1 to 100 characters"
        case .duplicateBillNumber: "this supplier's invoice is recorded already"
        case .totalMismatch(let expected): "must equal the lines' net plus tax, \(expected)"
        case .dueBeforeBillDate: "must not be before the bill date"
        case .invalidAmount: "must be positive"
        case .invalidTaxRate: "must be 0 to 10000 basis points"
        case .taxRateRequired: "give the VAT rate the supplier charged, in basis points (2500 = 25 %)"
        case .referenceRequired: "must be 1 to 200 characters"
        case .supplierNotFound: "There is no such supplier."
        case .orderNotFound: "There is no such purchase order."
        case .receiptNotFound: "There is no such goods receipt."
        case .billNotFound: "There is no such supplier bill."
        case .invalidTransition(let status, let action):
            "A purchase order that is \(status.rawValue) cannot \(action.rawValue)."
        case .goodsAlreadyReceived: "Goods have arrived against this order; close it instead of cancelling."
        case .billNotOnHold(let approval): "The bill is \(approval.rawValue), not on hold."
        case .billNotApproved(let approval): "The bill is \(approval.rawValue); only approved bills are paid."
        case .paymentExceedsOpenAmount(let open): "The bill has only \(open) open."
        case .paymentReferenceReused: "This reference was recorded for another amount on this bill."
        case .sourcesInSeveralCurrencies(let sku, let currencies):
            "\(sku) is priced in \(currencies.joined(separator: ", ")); name the currency to compare in."
        }
    }
}
