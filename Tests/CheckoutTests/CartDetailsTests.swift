import Checkout
import Flows
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Cart contact, addresses and delivery")
struct CartDetailsTests {
    @Test("contact and addresses are stored as given and read back", arguments: TestBackend.allCases)
    func roundTrip(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            var billing = Address.fixture("AT", name: "Muster GmbH")
            billing.vatID = "ATU12345678"
            billing.company = "  Muster GmbH  "
            let billingAddress = billing
            _ = try await platform.run { c, db in
                _ = try await c.setContact(
                    email: " erika@example.com ", phone: "+49 221 1234567", in: cart.id, access: guest, on: db)
                _ = try await c.setShippingAddress(.fixture(), in: cart.id, access: guest, on: db)
                return try await c.setBillingAddress(billingAddress, in: cart.id, access: guest, on: db)
            }
            let stored = try await platform.read(cart.id, as: guest)
            #expect(stored.email == "erika@example.com")
            #expect(stored.phone == "+49 221 1234567")
            #expect(stored.shippingAddress == .fixture())
            #expect(stored.billingAddress?.company == "Muster GmbH")
            #expect(stored.billingAddress?.vatID == "ATU12345678")
            let cleared = try await platform.run { c, db in
                try await c.setBillingAddress(nil, in: cart.id, access: guest, on: db)
            }
            #expect(cleared.billingAddress == nil)
        }
    }

    @Test(
        "bad contact details and addresses are refused field by field, and nothing is stored",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            let contact = await refusal {
                try await platform.run { c, db in
                    try await c.setContact(email: "erika@", phone: "abc", in: cart.id, access: guest, on: db)
                }
            }
            #expect(pointers(contact) == ["/email", "/phone"])
            let address = await refusal {
                try await platform.run { c, db in
                    try await c.setShippingAddress(
                        Address(name: "", line1: "x", city: "", postalCode: "1", country: "XX"), in: cart.id,
                        access: guest, on: db)
                }
            }
            #expect(Set(pointers(address)) == ["/name", "/city", "/country"])
            let stored = try await platform.read(cart.id)
            #expect(stored.email == nil && stored.shippingAddress == nil)
            await #expect(throws: CheckoutError.cartNotFound) {
                try await platform.run { c, db in
                    try await c.setShippingAddress(.fixture(), in: cart.id, access: .customer("cus_x"), on: db)
                }
            }
        }
    }

    @Test(
        "delivery is a shipping method that exists, is active and prices in the cart's currency, or a pick-up point",
        arguments: TestBackend.allCases)
    func delivery(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (cart, guest) = try await platform.guestCart()
            let (parcel, sekOnly, retired) = try await platform.run { c, db in
                let zone = try await c.createShippingZone(.init(name: "EU", countries: ["DE"]), by: .clerk, on: db)
                let bands = [ShippingRateBand(upTo: nil, price: 490)]
                return (
                    try await c.createShippingMethod(
                        .init(zoneID: zone.id, name: "Parcel", currency: .eur, basis: .weight, bands: bands),
                        by: .clerk, on: db),
                    try await c.createShippingMethod(
                        .init(zoneID: zone.id, name: "Posten", currency: .sek, basis: .weight, bands: bands),
                        by: .clerk, on: db),
                    try await c.createShippingMethod(
                        .init(
                            zoneID: zone.id, name: "Old", currency: .eur, basis: .weight, bands: bands, isActive: false),
                        by: .clerk, on: db)
                )
            }
            let chosen = try await platform.run { c, db in
                try await c.setDelivery(.shipping(parcel.id), in: cart.id, access: guest, on: db)
            }
            #expect(chosen.delivery == .shipping(parcel.id))
            for (method, expected) in [
                (sekOnly.id, CheckoutError.shippingMethodUnavailable), (retired.id, .shippingMethodUnavailable),
                (ShippingMethodID.generate(env.ids), .shippingMethodNotFound),
            ] {
                await #expect(throws: expected) {
                    try await platform.run { c, db in
                        try await c.setDelivery(.shipping(method), in: cart.id, access: guest, on: db)
                    }
                }
            }
            #expect(try await platform.read(cart.id).delivery == .shipping(parcel.id))
            let pickup = try await platform.run { c, db in
                try await c.setDelivery(.pickup(locationID: "loc_berlin"), in: cart.id, access: guest, on: db)
            }
            #expect(pickup.delivery == .pickup(locationID: "loc_berlin"))
            let none = try await platform.run { c, db in
                try await c.setDelivery(nil, in: cart.id, access: guest, on: db)
            }
            #expect(none.delivery == nil)
        }
    }
}
