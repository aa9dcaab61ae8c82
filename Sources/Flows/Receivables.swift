import Foundation
public import Invoicing
public import Orders
public import Payments
import Persistence
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

extension Receivables {
    public static let subscriberName = "receivables"

    /// Refunds on an invoice sale become credit notes: an outbox subscriber, so every way a refund is
    /// confirmed (the call's answer, a webhook, reconciliation) issues exactly one note, keyed by the
    /// refund. Its VAT per rate is the share the books give back for the same refund.
    static func subscriber(invoicing: Invoicing, orders: Orders) -> OutboxSubscriber {
        OutboxSubscriber(name: subscriberName, eventTypes: [PaymentRefunded.eventType]) { envelope, db in
            let refunded = try envelope.decode(PaymentRefunded.self)
            guard let orderID = OrderID(refunded.reference),
                let invoice = try await invoicing.invoice(forOrder: orderID.rawValue, on: db)
            else { return }
            let order = try await orders.order(orderID, on: db)
            let facts = try SaleFacts.refund(
                refunded.refundAmount, after: try refunded.amounts.refunded.subtracting(refunded.refundAmount),
                of: order)
            _ = try await invoicing.issueCreditNote(
                CreditNoteDraft(
                    invoiceID: invoice.id, sourceKey: "refund:\(refunded.refundID.rawValue)", reason: refunded.reason,
                    issuedAt: envelope.occurredAt, lines: creditLines(facts)),
                on: db)
        }
    }

    /// One credit line per VAT rate from a refund's facts.
    static func creditLines(_ facts: PostingFacts) -> [CreditNoteLine] {
        let net = facts.amounts[.refundNet] ?? [:]
        let vat = facts.amounts[.refundVAT] ?? [:]
        return Set(net.keys).union(vat.keys).sorted { ($0 ?? -1) < ($1 ?? -1) }.compactMap { rate in
            let lineNet = net[rate] ?? 0
            let lineVAT = vat[rate] ?? 0
            guard lineNet != 0 || lineVAT != 0 else { return nil }
            return CreditNoteLine(
                vatRate: rate ?? 0, net: Money(minorUnits: lineNet, currency: facts.currency),
                vat: Money(minorUnits: lineVAT, currency: facts.currency))
        }
    }
}

extension String {
    fileprivate func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
