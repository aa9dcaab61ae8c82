import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Payments {
    /// Creates a `pending` payment for `new.reference`. The status is not the caller's to choose.
    public func createPayment(_ new: NewPayment, on db: any SQLDatabase) async throws -> Payment {
        try validate(new)
        let provider = try self.provider(for: new.method.kind)
        let now = self.now
        let id = PaymentID.generate(ids, at: now)
        try await PaymentStore.insert(id, new, provider: provider.name, now: now, on: db)
        return try await payment(id, on: db)
    }

    public func payment(_ id: PaymentID, on db: any SQLDatabase) async throws -> Payment {
        guard let payment = try await PaymentStore.payment(id, on: db) else { throw PaymentError.paymentNotFound }
        return payment
    }

    /// Every payment for one order, oldest first.
    public func payments(forReference reference: String, on db: any SQLDatabase) async throws -> [Payment] {
        try await PaymentStore.payments(forReference: reference, on: db)
    }

    /// Every provider call made for a payment, oldest first.
    public func attempts(of id: PaymentID, on db: any SQLDatabase) async throws -> [PaymentAttemptRecord] {
        try await PaymentStore.attempts(of: id, on: db)
    }

    /// The payment's refunds, oldest first, whatever their status.
    public func refunds(of id: PaymentID, on db: any SQLDatabase) async throws -> [Refund] {
        try await PaymentStore.attempts(of: id, kind: .refund, on: db).compactMap(\.refund)
    }

    private func validate(_ new: NewPayment) throws {
        var validator = Validator()
        let reference = new.reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if reference.isEmpty || reference != new.reference || reference.count > 200 {
            validator.add(PaymentError.referenceRequired, at: "/reference")
        }
        if !new.amount.isPositive { validator.add(PaymentError.amountMustBePositive, at: "/amount") }
        if case .invoice(let days) = new.method, !(0...365).contains(days) {
            validator.add(PaymentError.netDaysOutOfRange, at: "/method/net_days")
        }
        try validator.finish()
    }
}
