import Checkout
import Foundation
import Testing
import TorvCore

@Suite("Shipping quotes")
struct ShippingQuoteTests {
    static func method(
        _ basis: ShippingRateBasis, _ bands: [ShippingRateBand], freeOver: Int64? = nil, active: Bool = true
    ) -> ShippingMethod {
        ShippingMethod(
            id: .standard, zoneID: ShippingZoneID(uuid: UUID()), name: "Parcel", carrier: "DHL", currency: .eur,
            basis: basis, bands: bands, freeOver: freeOver.map { .eur($0) }, isActive: active,
            estimate: DeliveryEstimate(minimumDays: 1, maximumDays: 3), createdAt: Date(), updatedAt: Date())
    }

    static let byWeight = method(
        .weight,
        [
            ShippingRateBand(upTo: 1000, price: 490), ShippingRateBand(upTo: 5000, price: 690),
            ShippingRateBand(upTo: 31_500, price: 1290),
        ])

    @Test(
        "weight bands include their upper edge; beyond the last bounded band the method does not apply",
        arguments: [
            (0, 490), (1, 490), (999, 490), (1000, 490), (1001, 690), (5000, 690), (5001, 1290), (31_500, 1290),
            (31_501, nil), (-5, 490),
        ] as [(Int, Int64?)])
    func weightBands(grams: Int, expected: Int64?) {
        #expect(Self.byWeight.quote(weightGrams: grams, subtotal: .eur(100))?.price == expected.map { .eur($0) })
    }

    @Test(
        "subtotal bands, an open-ended last band, and free shipping from the threshold on",
        arguments: [
            (0, 900), (2999, 900), (3000, 900), (3001, 500), (4999, 500), (5000, 0), (1_000_000, 0),
        ] as [(Int64, Int64)])
    func subtotalBands(subtotal: Int64, expected: Int64) {
        let method = Self.method(
            .subtotal, [ShippingRateBand(upTo: 3000, price: 900), ShippingRateBand(upTo: nil, price: 500)],
            freeOver: 5000)
        #expect(method.quote(weightGrams: 99_999, subtotal: .eur(subtotal))?.price == .eur(expected))
    }

    @Test("the free threshold applies to weight-based methods too, but not beyond the last band")
    func freeByWeight() {
        let method = Self.method(.weight, [ShippingRateBand(upTo: 2000, price: 490)], freeOver: 10_000)
        #expect(method.quote(weightGrams: 500, subtotal: .eur(10_000))?.price == .eur(0))
        #expect(method.quote(weightGrams: 500, subtotal: .eur(9_999))?.price == .eur(490))
        #expect(method.quote(weightGrams: 2001, subtotal: .eur(10_000)) == nil)
    }

    @Test("an inactive method, or one in another currency, quotes nothing")
    func unavailable() {
        let inactive = Self.method(.weight, [ShippingRateBand(upTo: nil, price: 490)], active: false)
        #expect(inactive.quote(weightGrams: 1, subtotal: .eur(1)) == nil)
        let method = Self.method(.weight, [ShippingRateBand(upTo: nil, price: 490)])
        #expect(method.quote(weightGrams: 1, subtotal: Money(minorUnits: 1, currency: .sek)) == nil)
    }

    @Test("the option carries the method's name, carrier and estimate")
    func optionDetails() throws {
        let option = try #require(Self.byWeight.quote(weightGrams: 10, subtotal: .eur(1)))
        #expect(option.methodID == .standard)
        #expect(option.name == "Parcel")
        #expect(option.carrier == "DHL")
        #expect(option.estimate == DeliveryEstimate(minimumDays: 1, maximumDays: 3))
    }
}
