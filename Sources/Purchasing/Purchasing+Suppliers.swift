import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// Adds a supplier. A name another supplier has (in any case) is refused at `/name`.
    public func createSupplier(
        _ draft: SupplierDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Supplier {
        let draft = try Self.validated(draft)
        let now = self.now
        let supplier = Supplier(
            id: SupplierID.generate(ids, at: now), name: draft.name, email: draft.email, currency: draft.currency,
            paymentTermsDays: draft.paymentTermsDays, isActive: draft.isActive, createdAt: now, updatedAt: now)
        return try await Savepoint.atomically("purchasing_supplier", on: db) {
            guard try await PurchasingStore.insert(supplier, nameKey: Self.nameKey(draft.name), on: db) else {
                throw Self.nameTaken(draft.name)
            }
            try await audit.record(
                "supplier.created", by: actor, target: ("supplier", supplier.id.rawValue),
                detail: ["name": supplier.name, "currency": supplier.currency.code], on: db)
            return supplier
        }
    }

    /// Replaces a supplier's details. The billing currency is fixed once anything was priced, ordered
    /// or billed in it (`currency_locked`): those amounts would otherwise change meaning.
    public func updateSupplier(
        _ id: SupplierID, to draft: SupplierDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> Supplier {
        let draft = try Self.validated(draft)
        let current = try await supplier(id, on: db)
        let key = Self.nameKey(draft.name)
        var validator = Validator()
        if try await PurchasingStore.nameTaken(key, except: id, on: db) {
            validator.add(PurchasingError.supplierNameTaken(draft.name), at: "/name")
        }
        if draft.currency != current.currency, try await PurchasingStore.hasCurrencyHistory(id, on: db) {
            validator.add(PurchasingError.currencyLocked, at: "/currency")
        }
        try validator.finish()
        return try await Savepoint.atomically("purchasing_supplier", on: db) {
            guard let updated = try await PurchasingStore.update(id, to: draft, nameKey: key, now: now, on: db) else {
                throw PurchasingError.supplierNotFound
            }
            try await audit.record(
                "supplier.updated", by: actor, target: ("supplier", id.rawValue),
                detail: [
                    "name": updated.name, "currency": updated.currency.code,
                    "payment_terms_days": String(updated.paymentTermsDays), "active": String(updated.isActive),
                ], on: db)
            return updated
        }
    }

    public func supplier(_ id: SupplierID, on db: any SQLDatabase) async throws -> Supplier {
        guard let supplier = try await PurchasingStore.supplier(id, on: db) else {
            throw PurchasingError.supplierNotFound
        }
        return supplier
    }

    /// Suppliers by name.
    public func suppliers(includingInactive: Bool = false, on db: any SQLDatabase) async throws -> [Supplier] {
        try await PurchasingStore.suppliers(includingInactive: includingInactive, on: db)
    }

    static func validated(_ draft: SupplierDraft) throws(ValidationError) -> SupplierDraft {
        var draft = draft
        draft.name = trimmed(draft.name)
        draft.email = trimmed(draft.email)
        var validator = Validator()
        if draft.name.isEmpty || draft.name.count > 200 { validator.add(PurchasingError.invalidName, at: "/name") }
        let parts = draft.email.split(separator: "@", omittingEmptySubsequences: false)
        if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || draft.email.count > 254
            || draft.email.contains(where: \.isWhitespace)
        {
            validator.add(PurchasingError.invalidEmail, at: "/email")
        }
        if !(0...365).contains(draft.paymentTermsDays) {
            validator.add(PurchasingError.invalidPaymentTerms, at: "/payment_terms_days")
        }
        try validator.finish()
        return draft
    }

    static func nameKey(_ name: String) -> String { trimmed(name).lowercased() }

    static func nameTaken(_ name: String) -> ValidationError {
        let error = PurchasingError.supplierNameTaken(name)
        return ValidationError([FieldError(pointer: "/name", message: error.message, code: error.code)])
    }
}
