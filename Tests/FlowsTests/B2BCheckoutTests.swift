import Checkout
import Customers
import Flows
import Foundation
import Identity
import Inventory
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("B2B checkout: invoices and approvals")
struct B2BCheckoutTests {
    struct Company {
        var buyer: String
        var approver: String
        var stranger: String
    }

    static func customer(_ email: String, on platform: Platform) async throws -> String {
        guard
            case .created(let account) = try await platform.identity.registerCustomer(
                email: email, password: "correct horse battery", name: email, requestID: nil, in: platform.database)
        else { throw CheckoutFlowError.invoiceNotAllowed }
        return account.id.rawValue
    }

    /// A company on 30-day terms whose buyer may spend up to 30.00 EUR without approval.
    static func company(on platform: Platform) async throws -> Company {
        let buyer = try await customer("buyer@acme.example", on: platform)
        let approver = try await customer("boss@acme.example", on: platform)
        let stranger = try await customer("boss@other.example", on: platform)
        let eur = Currency(code: "EUR")!
        try await platform.database.inTransaction { db in
            let acme = try await platform.customers.createCompany(
                CompanyDraft(
                    legalName: "Acme AB",
                    billingAddress: StreetAddress(
                        recipient: "Accounts", line1: "Box 1", city: "Malmö", postalCode: "211 00", countryCode: "SE"),
                    paymentTermsDays: 30), by: TestShop.actor, on: db)
            _ = try await platform.customers.addBuyer(
                acme.id, customerID: buyer, role: .buyer, approvalLimit: Money(minorUnits: 3000, currency: eur),
                by: TestShop.actor, on: db)
            _ = try await platform.customers.addBuyer(
                acme.id, customerID: approver, role: .approver, by: TestShop.actor, on: db)
            let other = try await platform.customers.createCompany(
                CompanyDraft(
                    legalName: "Other AB",
                    billingAddress: StreetAddress(
                        recipient: "Accounts", line1: "Box 2", city: "Lund", postalCode: "222 00", countryCode: "SE")),
                by: TestShop.actor, on: db)
            _ = try await platform.customers.addBuyer(
                other.id, customerID: stranger, role: .admin, by: TestShop.actor, on: db)
        }
        return Company(buyer: buyer, approver: approver, stranger: stranger)
    }

    static func cart(_ shop: TestShop, tees: Int, for customer: String, on platform: Platform) async throws -> CartID {
        let access = CartAccess.customer(customer)
        let id = try await ShoppingCarts.create(
            channel: "web", currency: Currency(code: "EUR")!, customer: customer, on: platform
        ).cart.id
        _ = try await ShoppingCarts.addLine(
            variant: shop.teeS.rawValue, quantity: tees, to: id, access: access, on: platform)
        _ = try await ShoppingCarts.setContact(
            email: "buyer@acme.example", phone: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setAddresses(
            shipping: TestShop.address, billing: nil, in: id, access: access, on: platform)
        _ = try await ShoppingCarts.setDelivery(.shipping(shop.parcel), in: id, access: access, on: platform)
        return id
    }

    @Test(
        "an order above the buyer's limit waits for an approver, then is invoiced on terms",
        arguments: TestBackend.allCases)
    func approvalThenInvoice(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await Self.company(on: platform)
            env.clock.advance(by: 60)

            let small = try await Self.cart(shop, tees: 1, for: acme.buyer, on: platform)
            let direct = try await OrderPlacement.checkOut(
                small, access: .customer(acme.buyer), key: "small", payment: .invoice, on: platform)
            #expect(direct.order.status == .paid)
            #expect(direct.payment?.status == .captured)
            #expect(direct.payment?.dueAt == env.clock.now.addingTimeInterval(30 * 86400))

            let big = try await Self.cart(shop, tees: 2, for: acme.buyer, on: platform)
            let waiting = try await OrderPlacement.checkOut(
                big, access: .customer(acme.buyer), key: "big", payment: .invoice, on: platform)
            #expect(waiting.order.status == .awaitingApproval)
            #expect(waiting.payment?.status == .authorized)
            #expect(try await OrderApprovals.queue(for: acme.approver, on: platform).map(\.id) == [waiting.order.id])
            #expect(try await OrderApprovals.queue(for: acme.stranger, on: platform).isEmpty)
            #expect(try await OrderApprovals.queue(for: acme.buyer, on: platform).isEmpty)

            // Someone from another company cannot decide; the order does not exist for them.
            await #expect(throws: OrdersError.orderNotFound) {
                _ = try await OrderApprovals.approve(waiting.order.id, by: acme.stranger, on: platform)
            }
            let approved = try await OrderApprovals.approve(waiting.order.id, by: acme.approver, on: platform)
            #expect(approved.status == .paid)
            let details = try await OrderDetails.load(waiting.order.id, on: platform)
            #expect(details.payments.first?.status == .captured)
            let tee = try await platform.database.read { db in
                try await platform.inventory.stockLevel(of: "TEE-S", at: shop.warehouse, on: db)
            }
            #expect(tee.onHand == 47)
            #expect(tee.reserved == 0)
        }
    }

    @Test(
        "a rejected order frees its stock and voids its authorisation; consumers cannot pay by invoice",
        arguments: TestBackend.allCases)
    func rejectionAndRefusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let acme = try await Self.company(on: platform)
            env.clock.advance(by: 60)

            let big = try await Self.cart(shop, tees: 3, for: acme.buyer, on: platform)
            let waiting = try await OrderPlacement.checkOut(
                big, access: .customer(acme.buyer), key: "big", payment: .card(number: TestCard.approves), on: platform)
            #expect(waiting.order.status == .awaitingApproval)
            #expect(waiting.payment?.status == .authorized)
            let rejected = try await OrderApprovals.reject(
                waiting.order.id, reason: "Over budget", by: acme.approver, on: platform)
            #expect(rejected.status == .cancelled)
            let details = try await OrderDetails.load(waiting.order.id, on: platform)
            #expect(details.payments.first?.status == .voided)
            let tee = try await platform.database.read { db in
                try await platform.inventory.stockLevel(of: "TEE-S", at: shop.warehouse, on: db)
            }
            #expect(tee.onHand == 50)
            #expect(tee.reserved == 0)

            let consumer = try await Self.customer("ada@example.com", on: platform)
            let cart = try await Self.cart(shop, tees: 1, for: consumer, on: platform)
            await #expect(throws: CheckoutFlowError.self) {
                _ = try await OrderPlacement.checkOut(
                    cart, access: .customer(consumer), key: "inv", payment: .invoice, on: platform)
            }
            // The refusal rolled back: the cart is still open and can be paid by card.
            let paid = try await OrderPlacement.checkOut(
                cart, access: .customer(consumer), key: "card", payment: .card(number: TestCard.approves), on: platform)
            #expect(paid.order.status == .paid)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }
}
