public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Records money paid to the supplier against an approved bill: never more than is open (a guarded
    /// UPDATE and a CHECK, so payments at once cannot overpay between them). A reference is recorded
    /// once per bill: the same payment entered twice returns the first; the same reference with another
    /// amount is refused (`payment_reference_reused`).
    public func recordPayment(
        _ billID: SupplierBillID, amount: Money, paidAt: Date, reference: String, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> (payment: BillPayment, bill: SupplierBill) {
        var validator = Validator()
        if !amount.isPositive { validator.add(PurchasingError.invalidAmount, at: "/amount") }
        let reference = Self.trimmed(reference)
        if reference.isEmpty || reference.count > 200 {
            validator.add(PurchasingError.referenceRequired, at: "/reference")
        }
        try validator.finish()
        let current = try await bill(billID, on: db)
        if amount.currency != current.currency {
            var mismatch = Validator()
            mismatch.add(PurchasingError.currencyMismatch(expected: current.currency), at: "/amount/currency")
            try mismatch.finish()
        }
        if let existing = try await payment(of: billID, reference: reference, on: db) {
            guard existing.amount == amount else { throw PurchasingError.paymentReferenceReused }
            return (existing, current)
        }
        let now = self.now
        let paymentID = BillPaymentID.generate(ids, at: now)
        do {
            return try await Savepoint.atomically("purchasing_bill_payment", on: db) {
                guard
                    try await db.raw(
                        """
                        INSERT INTO purchasing_bill_payments (id, bill_id, amount, paid_at, reference, recorded_at)
                        VALUES (\(bind: paymentID.rawValue), \(bind: billID.rawValue), \(bind: amount.amount),
                                \(bind: paidAt.epochMicroseconds), \(bind: reference), \(bind: now.epochMicroseconds))
                        ON CONFLICT DO NOTHING RETURNING id
                        """
                    ).first() != nil
                else { throw DuplicateReference() }
                guard
                    try await db.raw(
                        """
                        UPDATE purchasing_bills SET paid = paid + \(bind: amount.amount)
                        WHERE id = \(bind: billID.rawValue) AND approval = 'approved'
                          AND paid + \(bind: amount.amount) <= total
                        RETURNING id
                        """
                    ).first() != nil
                else {
                    let bill = try await bill(billID, on: db)
                    if bill.approval != .approved { throw PurchasingError.billNotApproved(bill.approval) }
                    throw PurchasingError.paymentExceedsOpenAmount(open: bill.open)
                }
                let bill = try await bill(billID, on: db)
                try await audit.record(
                    "supplier_bill.payment_recorded", by: actor, target: ("supplier_bill", billID.rawValue),
                    detail: ["amount": amount.description, "reference": reference], on: db)
                try await outbox.append(
                    SupplierBillPaid(
                        paymentID: paymentID, billID: billID, supplierID: bill.supplierID,
                        invoiceNumber: bill.invoiceNumber, amount: amount, paidAt: paidAt, reference: reference,
                        paymentStatus: bill.paymentStatus), on: db)
                return (
                    BillPayment(id: paymentID, billID: billID, amount: amount, paidAt: paidAt, reference: reference),
                    bill
                )
            }
        } catch is DuplicateReference {
            // Another transaction recorded the same reference first.
            guard let existing = try await payment(of: billID, reference: reference, on: db) else {
                throw PurchasingError.billNotFound
            }
            guard existing.amount == amount else { throw PurchasingError.paymentReferenceReused }
            return (existing, try await bill(billID, on: db))
        }
    }

    /// Payments against a bill, oldest first.
    public func payments(of billID: SupplierBillID, on db: any SQLDatabase) async throws -> [BillPayment] {
        let bill = try await bill(billID, on: db)
        return try await db.raw(
            """
            SELECT id, amount, paid_at, reference FROM purchasing_bill_payments
            WHERE bill_id = \(bind: billID.rawValue) ORDER BY id
            """
        ).all().map { try Self.payment(from: $0, bill: bill) }
    }

    func payment(of billID: SupplierBillID, reference: String, on db: any SQLDatabase) async throws -> BillPayment? {
        guard
            let row = try await db.raw(
                """
                SELECT p.id, p.amount, p.paid_at, p.reference, b.currency
                FROM purchasing_bill_payments p JOIN purchasing_bills b ON b.id = p.bill_id
                WHERE p.bill_id = \(bind: billID.rawValue) AND p.reference = \(bind: reference)
                """
            ).first()
        else { return nil }
        return BillPayment(
            id: try row.id("id", as: BillPaymentID.self, table: "purchasing_bill_payments"), billID: billID,
            amount: try PurchasingStore.money(row, "amount", try row.currency("currency")),
            paidAt: try row.date("paid_at"), reference: try row.string("reference"))
    }

    static func payment(from row: any SQLRow, bill: SupplierBill) throws -> BillPayment {
        BillPayment(
            id: try row.id("id", as: BillPaymentID.self, table: "purchasing_bill_payments"), billID: bill.id,
            amount: try PurchasingStore.money(row, "amount", bill.currency), paidAt: try row.date("paid_at"),
            reference: try row.string("reference"))
    }

    private struct DuplicateReference: Error {}
}
