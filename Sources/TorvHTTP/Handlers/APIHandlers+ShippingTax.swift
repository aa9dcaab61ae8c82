import Checkout
import Flows
import Foundation
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listShippingZones(
        _ input: Operations.ListShippingZones.Input
    ) async throws -> Operations.ListShippingZones.Output {
        let checkout = platform.checkout
        let (zones, methods) = try await platform.database.read { db in
            (try await checkout.shippingZones(on: db), try await checkout.shippingMethods(on: db))
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: zones.map { zone in
                            .init(zone, methods: methods.filter { $0.zoneID == zone.id })
                        }))))
    }

    func createShippingZone(
        _ input: Operations.CreateShippingZone.Input
    ) async throws -> Operations.CreateShippingZone.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let checkout = platform.checkout
        let zone = try await platform.database.inTransaction { db in
            try await checkout.createShippingZone(
                ShippingZoneDraft(name: body.name, countries: body.countries), by: actor, on: db)
        }
        return .created(.init(body: .json(.init(zone, methods: []))))
    }

    func createShippingMethod(
        _ input: Operations.CreateShippingMethod.Input
    ) async throws -> Operations.CreateShippingMethod.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let zoneID = try pathID(
            input.path.zoneId, as: ShippingZoneID.self, notFound: CheckoutError.shippingZoneNotFound)
        let currency = try Self.currency(body.currency, at: "/currency")
        let draft = ShippingMethodDraft(
            zoneID: zoneID, name: body.name, carrier: body.carrier, currency: currency,
            basis: body.basis == .weight ? .weight : .subtotal,
            bands: body.rates.map { ShippingRateBand(upTo: $0.upTo, price: $0.amount) },
            freeOver: body.freeOver.map { Money(minorUnits: $0, currency: currency) },
            isActive: body.active ?? true,
            estimate: body.deliveryDaysMin.map {
                DeliveryEstimate(minimumDays: $0, maximumDays: body.deliveryDaysMax ?? $0)
            })
        let actor = try actor()
        let checkout = platform.checkout
        let method = try await platform.database.inTransaction { db in
            try await checkout.createShippingMethod(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(method))))
    }

    func listTaxRates(_ input: Operations.ListTaxRates.Input) async throws -> Operations.ListTaxRates.Output {
        .ok(.init(body: .json(try await taxConfiguration())))
    }

    func setTaxRate(_ input: Operations.SetTaxRate.Input) async throws -> Operations.SetTaxRate.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let checkout = platform.checkout
        try await platform.database.inTransaction { db in
            _ = try await checkout.setTaxRate(
                TaxRate(country: body.country, taxClass: body.taxClass, basisPoints: body.rateBasisPoints), by: actor,
                on: db)
        }
        return .ok(.init(body: .json(try await taxConfiguration())))
    }

    private func taxConfiguration() async throws -> Components.Schemas.TaxConfiguration {
        let checkout = platform.checkout
        let (settings, rates) = try await platform.database.read { db in
            (try await checkout.taxSettings(on: db), try await checkout.taxRates(on: db))
        }
        return .init(
            pricesIncludeTax: settings.pricesIncludeTax,
            rates: rates.map { .init(country: $0.country, taxClass: $0.taxClass, rateBasisPoints: $0.basisPoints) })
    }
}

extension Components.Schemas.ShippingZone {
    init(_ zone: ShippingZone, methods: [ShippingMethod]) {
        self.init(
            id: zone.id.rawValue, name: zone.name, countries: zone.countries,
            methods: methods.map(Components.Schemas.ShippingMethod.init))
    }
}

extension Components.Schemas.ShippingMethod {
    init(_ method: ShippingMethod) {
        let rates = method.bands.map { Components.Schemas.ShippingRate(upTo: $0.upTo, amount: $0.price) }
        self.init(
            id: method.id.rawValue, zoneId: method.zoneID.rawValue, name: method.name, carrier: method.carrier,
            currency: method.currency.code, basis: method.basis == .weight ? .weight : .subtotal, rates: rates,
            freeOver: method.freeOver.map(Components.Schemas.Money.init),
            deliveryDaysMin: method.estimate?.minimumDays, deliveryDaysMax: method.estimate?.maximumDays,
            active: method.isActive)
    }
}
