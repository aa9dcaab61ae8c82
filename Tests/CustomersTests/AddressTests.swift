import Customers
import Flows
import Foundation
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Address book")
struct AddressTests {
    @Test("add, list, update and remove an address; the book stays the customer's")
    func lifecycle() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let actor = AuditActor.customer(erika)
            let home = try await platform.write { customers, db in
                try await customers.addAddress(
                    .init(label: " Home ", address: .fixture(), isDefaultShipping: true), of: erika, by: actor, on: db)
            }
            #expect(home.label == "Home" && home.customerID == erika)
            #expect(home.isDefaultShipping && !home.isDefaultBilling)

            env.clock.advance(by: 10)
            var changed = StreetAddress.fixture(line1: "Friedrichstraße 43")
            changed.region = "  "
            let newAddress = changed
            let updated = try await platform.write { customers, db in
                try await customers.updateAddress(
                    home.id, of: erika, to: .init(label: "Home", address: newAddress, isDefaultShipping: true),
                    by: actor,
                    on: db)
            }
            #expect(updated.address.line1 == "Friedrichstraße 43" && updated.address.region == nil)
            #expect(updated.updatedAt == env.clock.now && updated.createdAt == home.createdAt)

            let listed = try await platform.read { customers, db in try await customers.addresses(of: erika, on: db) }
            #expect(listed == [updated])

            try await platform.write { customers, db in
                try await customers.removeAddress(home.id, of: erika, by: actor, on: db)
            }
            let afterRemoval = try await platform.read { customers, db in
                try await customers.addresses(of: erika, on: db)
            }
            #expect(afterRemoval == [])
            #expect(try await platform.auditActions().isEmpty)
        }
    }

    @Test("another customer's address answers address_not_found for every operation, like a missing one")
    func foreignAccess() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let mallory = Customer.id()
            let home = try await platform.write { customers, db in
                try await customers.addAddress(
                    .init(address: .fixture(), isDefaultShipping: true, isDefaultBilling: true), of: erika,
                    by: .customer(erika), on: db)
            }
            let missing = CustomerAddressID.generate()
            for id in [home.id, missing] {
                await #expect(throws: CustomersError.addressNotFound) {
                    try await platform.read { customers, db in try await customers.address(id, of: mallory, on: db) }
                }
                await #expect(throws: CustomersError.addressNotFound) {
                    try await platform.write { customers, db in
                        try await customers.updateAddress(
                            id, of: mallory, to: .init(address: .fixture("Mallory"), isDefaultShipping: true),
                            by: .customer(mallory), on: db)
                    }
                }
                await #expect(throws: CustomersError.addressNotFound) {
                    try await platform.write { customers, db in
                        try await customers.setDefaultAddress(
                            id, for: .billing, of: mallory, by: .customer(mallory), on: db)
                    }
                }
                await #expect(throws: CustomersError.addressNotFound) {
                    try await platform.write { customers, db in
                        try await customers.removeAddress(id, of: mallory, by: .customer(mallory), on: db)
                    }
                }
            }
            // Erika's address is untouched, defaults included, and Mallory's book is empty.
            let erikas = try await platform.read { customers, db in try await customers.addresses(of: erika, on: db) }
            #expect(erikas == [home])
            let mallorysBook = try await platform.read { customers, db in
                try await customers.addresses(of: mallory, on: db)
            }
            #expect(mallorysBook == [])
        }
    }

    @Test("the database refuses a default that points at another customer's address")
    func defaultsAreOwnAddresses() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let mallory = Customer.id()
            let home = try await platform.write { customers, db in
                try await customers.addAddress(.init(address: .fixture()), of: erika, by: .customer(erika), on: db)
            }
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw(
                        """
                        INSERT INTO customers_address_defaults (customer_id, shipping_address_id)
                        VALUES (\(bind: mallory), \(bind: home.id.rawValue))
                        """
                    ).run()
                }
            }
        }
    }

    @Test("a new default takes the flag from the old one; removing the default leaves none")
    func defaults() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let actor = AuditActor.customer(erika)
            func add(_ draft: CustomerAddressDraft) async throws -> CustomerAddress {
                try await platform.write { customers, db in
                    try await customers.addAddress(draft, of: erika, by: actor, on: db)
                }
            }
            func book() async throws -> [CustomerAddress] {
                try await platform.read { customers, db in try await customers.addresses(of: erika, on: db) }
            }
            let home = try await add(.init(address: .fixture(), isDefaultShipping: true, isDefaultBilling: true))
            let office = try await add(.init(address: .fixture(line1: "Office 1"), isDefaultShipping: true))
            var addresses = try await book()
            #expect(addresses.map(\.isDefaultShipping) == [false, true])
            #expect(addresses.map(\.isDefaultBilling) == [true, false])

            // Clearing the flag on an address that is not the default leaves the real default alone.
            _ = try await platform.write { customers, db in
                try await customers.updateAddress(home.id, of: erika, to: .init(address: .fixture()), by: actor, on: db)
            }
            addresses = try await book()
            #expect(addresses.map(\.isDefaultShipping) == [false, true])
            #expect(addresses.map(\.isDefaultBilling) == [false, false])

            let billing = try await platform.write { customers, db in
                try await customers.setDefaultAddress(office.id, for: .billing, of: erika, by: actor, on: db)
            }
            #expect(billing.isDefaultShipping && billing.isDefaultBilling)
            let shipping = try await platform.read { customers, db in
                try await customers.defaultAddress(for: .shipping, of: erika, on: db)
            }
            #expect(shipping?.id == office.id)

            try await platform.write { customers, db in
                try await customers.removeAddress(office.id, of: erika, by: actor, on: db)
            }
            addresses = try await book()
            #expect(addresses.map(\.id) == [home.id])
            #expect(!addresses[0].isDefaultShipping && !addresses[0].isDefaultBilling)
        }
    }

    @Test("every invalid field is reported at once, and a country must be a real ISO 3166-1 code")
    func validation() async throws {
        try await withTestDatabase { env in
            let platform = env.platform()
            let erika = Customer.id()
            let address = StreetAddress(
                recipient: " ", line1: "", city: String(repeating: "x", count: 101), postalCode: "10117",
                countryCode: "XX", phone: "12345")
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { customers, db in
                    try await customers.addAddress(
                        .init(label: String(repeating: "l", count: 51), address: address), of: erika,
                        by: .customer(erika), on: db)
                }
            }
            #expect(
                fieldCodes(error) == [
                    "/label": "field_too_long", "/address/recipient": "field_required",
                    "/address/line1": "field_required",
                    "/address/city": "field_too_long", "/address/country_code": "invalid_country",
                    "/address/phone": "invalid_phone",
                ])
            let bookAfterRefusal = try await platform.read { customers, db in
                try await customers.addresses(of: erika, on: db)
            }
            #expect(bookAfterRefusal == [])
        }
    }

    @Test(
        "country codes are checked against the ISO 3166-1 list, exactly",
        arguments: [
            ("DE", true), ("AT", true), ("GB", true), ("AX", true), ("SS", true), ("ZW", true),
            ("UK", false), ("EU", false), ("XK", false), ("XX", false), ("de", false), (" DE", false), ("DEU", false),
            ("", false),
        ])
    func countries(code: String, valid: Bool) {
        #expect(CountryCodes.isValid(code) == valid)
    }

    @Test("the country list is the 249 officially assigned codes")
    func countryList() {
        #expect(CountryCodes.iso3166Alpha2.count == 249)
        #expect(CountryCodes.iso3166Alpha2.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isUppercase) })
    }
}
