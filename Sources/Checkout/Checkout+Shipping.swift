import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Creates a zone. A country already in another zone is refused (`country_in_another_zone`).
    public func createShippingZone(
        _ draft: ShippingZoneDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> ShippingZone {
        let now = self.now
        return try await saveZone(
            ShippingZoneID.generate(ids, at: now), draft, createdAt: now, isNew: true, by: actor, on: db)
    }

    /// Replaces a zone's name and countries.
    public func updateShippingZone(
        _ id: ShippingZoneID, to draft: ShippingZoneDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> ShippingZone {
        guard let zone = try await CheckoutStore.zone(id, on: db) else { throw CheckoutError.shippingZoneNotFound }
        return try await saveZone(id, draft, createdAt: zone.createdAt, isNew: false, by: actor, on: db)
    }

    public func shippingZones(on db: any SQLDatabase) async throws -> [ShippingZone] {
        try await CheckoutStore.zones(on: db)
    }

    private func saveZone(
        _ id: ShippingZoneID, _ draft: ShippingZoneDraft, createdAt: Date, isNew: Bool, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> ShippingZone {
        try draft.validate()
        let zone = ShippingZone(
            id: id, name: Self.trimmed(draft.name), countries: Array(Set(draft.countries)).sorted(),
            createdAt: createdAt, updatedAt: now)
        return try await Savepoint.atomically("checkout_zone", on: db) {
            // Checked first for a helpful answer; the primary key on the country is the real guard.
            let owners = try await CheckoutStore.owners(of: zone.countries, except: id, on: db)
            if let taken = owners.min(by: { $0.key < $1.key }) {
                throw CheckoutError.countryInAnotherZone(country: taken.key, zone: taken.value)
            }
            try await CheckoutStore.upsertZone(zone, on: db)
            try await audit.record(
                isNew ? "shipping_zone.created" : "shipping_zone.updated", by: actor,
                target: ("shipping_zone", id.rawValue),
                detail: ["name": zone.name, "countries": zone.countries.joined(separator: ",")], on: db)
            return zone
        }
    }

    /// Creates a method in an existing zone.
    public func createShippingMethod(
        _ draft: ShippingMethodDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> ShippingMethod {
        let now = self.now
        return try await saveMethod(
            ShippingMethodID.generate(ids, at: now), draft, createdAt: now, isNew: true, by: actor, on: db)
    }

    /// Replaces a method's details and rate table. Deactivating hides it from new quotes; carts that chose
    /// it fail the next quote and must choose again.
    public func updateShippingMethod(
        _ id: ShippingMethodID, to draft: ShippingMethodDraft, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> ShippingMethod {
        guard let method = try await CheckoutStore.method(id, on: db) else {
            throw CheckoutError.shippingMethodNotFound
        }
        return try await saveMethod(id, draft, createdAt: method.createdAt, isNew: false, by: actor, on: db)
    }

    public func shippingMethod(_ id: ShippingMethodID, on db: any SQLDatabase) async throws -> ShippingMethod {
        guard let method = try await CheckoutStore.method(id, on: db) else {
            throw CheckoutError.shippingMethodNotFound
        }
        return method
    }

    /// Every method, or those of one zone, by name (inactive ones included: this is the staff view).
    public func shippingMethods(in zone: ShippingZoneID? = nil, on db: any SQLDatabase) async throws -> [ShippingMethod]
    {
        try await CheckoutStore.methods(in: zone, on: db)
    }

    private func saveMethod(
        _ id: ShippingMethodID, _ draft: ShippingMethodDraft, createdAt: Date, isNew: Bool, by actor: AuditActor,
        on db: any SQLDatabase
    ) async throws -> ShippingMethod {
        try draft.validate()
        guard try await CheckoutStore.zone(draft.zoneID, on: db) != nil else {
            throw CheckoutError.shippingZoneNotFound
        }
        let method = ShippingMethod(
            id: id, zoneID: draft.zoneID, name: Self.trimmed(draft.name),
            carrier: draft.carrier.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }, currency: draft.currency,
            basis: draft.basis, bands: draft.bands, freeOver: draft.freeOver, isActive: draft.isActive,
            estimate: draft.estimate, createdAt: createdAt, updatedAt: now)
        try await CheckoutStore.upsertMethod(method, on: db)
        try await audit.record(
            isNew ? "shipping_method.created" : "shipping_method.updated", by: actor,
            target: ("shipping_method", id.rawValue),
            detail: [
                "name": method.name, "zone": method.zoneID.rawValue, "currency": method.currency.code,
                "basis": method.basis.rawValue, "active": String(method.isActive),
            ], on: db)
        return method
    }

    /// The methods a shopper can choose for a parcel to `country`: active methods of the country's zone in
    /// `currency` whose rate table covers the parcel, cheapest first. `subtotal` is what the free-shipping
    /// threshold and subtotal bands are measured against (usually the merchandise after discounts).
    public func shippingOptions(
        to country: String, currency: Currency, weightGrams: Int, subtotal: Money, on db: any SQLDatabase
    ) async throws -> [ShippingOption] {
        guard subtotal.currency == currency else {
            throw CheckoutError.currencyMismatch(expected: currency, found: subtotal.currency)
        }
        return try await CheckoutStore.methods(servingCountry: country, on: db)
            .filter { $0.currency == currency }
            .compactMap { $0.quote(weightGrams: weightGrams, subtotal: subtotal) }
            .sorted { $0.price.amount == $1.price.amount ? $0.name < $1.name : $0.price.amount < $1.price.amount }
    }
}

extension Checkout {
    /// The price of one chosen method for this parcel, as the checkout charges it: the method must exist,
    /// be active, price in `currency`, belong to the zone of `country` and have a band for the parcel;
    /// otherwise `shipping_method_unavailable` (the shopper must choose again).
    public func shippingQuote(
        for methodID: ShippingMethodID, to country: String, currency: Currency, weightGrams: Int, subtotal: Money,
        on db: any SQLDatabase
    ) async throws -> ShippingOption {
        guard subtotal.currency == currency else {
            throw CheckoutError.currencyMismatch(expected: currency, found: subtotal.currency)
        }
        guard let method = try await CheckoutStore.method(methodID, on: db) else {
            throw CheckoutError.shippingMethodNotFound
        }
        guard method.currency == currency,
            try await CheckoutStore.zone(method.zoneID, on: db)?.countries.contains(country) == true,
            let option = method.quote(weightGrams: weightGrams, subtotal: subtotal)
        else { throw CheckoutError.shippingMethodUnavailable }
        return option
    }
}
