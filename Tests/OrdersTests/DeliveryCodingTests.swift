import Foundation
import Orders
import Testing
import TorvCore

@Suite("Delivery snapshots")
struct DeliveryCodingTests {
    @Test("an order stored before shipping's VAT rate was recorded still reads, without a rate")
    func olderSnapshots() throws {
        let delivery = Delivery.shipping(
            methodID: "std", name: "Standard", carrier: nil, amount: Money(minorUnits: 490, currency: .eur),
            tax: Money(minorUnits: 98, currency: .eur), taxRate: 2_500)
        let data = try JSONEncoder().encode(delivery)
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var shipping = try #require(object["shipping"] as? [String: Any])
        #expect(shipping["taxRate"] as? Int == 2_500)
        shipping.removeValue(forKey: "taxRate")
        object["shipping"] = shipping
        let older = try JSONDecoder().decode(Delivery.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(older.taxRate == nil)
        #expect(older.tax(in: .eur) == Money(minorUnits: 98, currency: .eur))
        #expect(try JSONDecoder().decode(Delivery.self, from: data).taxRate == 2_500)
    }
}
