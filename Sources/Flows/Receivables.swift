import Foundation
public import Invoicing
public import Orders
public import Payments
public import SQLKit
import TorvCore

/// A sale on payment terms becomes an invoice when the order is paid (the invoice provider approved
/// it): one per order, with the order's lines and shipping at their VAT, due after the terms.
public enum Receivables {
    @discardableResult
    public static func invoice(
        _ order: Order, paidBy payment: Payment, on platform: Platform, db: any SQLDatabase
    ) async throws -> Invoice? {
        guard case .invoice(let netDays) = payment.method else { return nil }
        var lines = order.lines.map { line in
            InvoiceLine(
                description: "\(line.productTitle) \(line.variantTitle)".trimmingCharacters(in: .whitespaces),
                sku: line.sku, quantity: line.quantity,
                net: Money(minorUnits: line.total.amount - line.tax.amount, currency: order.currency),
                vatRate: line.taxRate, vat: line.tax)
        }
        let linesGross = order.lines.map(\.total.amount).reduce(0, +)
        let shippingGross = order.totals.grandTotal.amount - linesGross
        if shippingGross > 0 {
            let tax = order.delivery.tax(in: order.currency)
            lines.append(
                InvoiceLine(
                    description: "Shipping", sku: nil, quantity: 1,
                    net: Money(minorUnits: shippingGross - tax.amount, currency: order.currency),
                    vatRate: order.delivery.taxRate ?? 0, vat: tax))
        }
        let billTo = order.billingAddress ?? order.shippingAddress
        let draft = InvoiceDraft(
            orderID: order.id.rawValue, customerID: order.customerID, companyID: order.companyID,
            billTo: [billTo?.name, billTo?.company, billTo?.line1, billTo?.city, billTo?.countryCode]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ").ifEmpty(order.email),
            currency: order.currency, issuedAt: platform.clock.now(), paymentTermsDays: netDays, lines: lines)
        return try await platform.invoicing.issue(draft, on: db).invoice
    }
}

extension String {
    fileprivate func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
