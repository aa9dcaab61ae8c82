import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Folds a guest cart into the customer's open cart in the same channel when the guest signs in.
    ///
    /// Quantities of the same variant add up, capped at ``maximumLineQuantity``; variants that do not fit
    /// under ``maximumLines`` are left out (both reported in `cart.merged`), because a sign-in must not
    /// fail over a cart. Contact, addresses and delivery fill only what the customer's cart lacks. The
    /// guest cart becomes `merged` and takes no more changes. When the customer has no open cart, the
    /// guest cart is adopted: it becomes the customer's and its token stops working.
    ///
    /// A retry with the same token after a successful merge returns the customer's cart again.
    public func mergeGuestCart(
        _ guestID: CartID, token: String, intoCustomer customerID: String, on db: any SQLDatabase
    ) async throws -> Cart {
        var validator = Validator()
        validator.requireText(customerID, at: "/customer_id", maximum: 64)
        try validator.finish()
        let guestAccess = CartAccess.guest(token: token)
        return try await Savepoint.atomically("checkout_merge", on: db) {
            guard let guest = try await CheckoutStore.lockOpen(guestID, access: guestAccess, now: now, on: db) else {
                if let earlier = try await CheckoutStore.cart(guestID, access: guestAccess, on: db),
                    earlier.status == .merged, let target = earlier.mergedInto,
                    let merged = try await CheckoutStore.cart(target, access: .customer(customerID), on: db)
                {
                    return merged
                }
                throw try await refusal(for: guestID, access: guestAccess, on: db)
            }
            guard
                let existing = try await CheckoutStore.openCart(
                    ofCustomer: customerID, channel: guest.channel, on: db),
                let target = try await CheckoutStore.lockOpen(
                    existing.id, access: .customer(customerID), now: now, on: db)
            else {
                guard try await CheckoutStore.adopt(guestID, by: customerID, now: now, on: db) else {
                    throw CheckoutError.cartNotFound
                }
                try await outbox.append(
                    CartMerged(from: guestID, into: guestID, customerID: customerID, capped: [], dropped: []), on: db)
                CheckoutMetrics.cartsMerged()
                return try await cart(guestID, access: .customer(customerID), on: db)
            }
            let outcome = try await mergeLines(of: guest, into: target, on: db)
            try await fillDetails(of: target, from: guest, on: db)
            guard try await CheckoutStore.markMerged(guestID, into: target.id, now: now, on: db) else {
                throw CheckoutError.cartNotFound
            }
            try await outbox.append(
                CartMerged(
                    from: guestID, into: target.id, customerID: customerID, capped: outcome.capped,
                    dropped: outcome.dropped),
                on: db)
            CheckoutMetrics.cartsMerged()
            return try await cart(target.id, access: .customer(customerID), on: db)
        }
    }

    private func mergeLines(
        of guest: Cart, into target: Cart, on db: any SQLDatabase
    ) async throws -> (capped: [String], dropped: [String]) {
        var capped: [String] = []
        var dropped: [String] = []
        var lineCount = target.lines.count
        let now = self.now
        for line in guest.lines {
            let existing = target.line(forVariant: line.variantID, offer: line.offerID)
            if existing == nil {
                guard lineCount < maximumLines else {
                    dropped.append(line.variantID)
                    continue
                }
                lineCount += 1
            }
            if (existing?.quantity ?? 0) + line.quantity > maximumLineQuantity { capped.append(line.variantID) }
            try await CheckoutStore.addCapped(
                line.quantity, ofVariant: line.variantID, offer: line.offerID, to: target.id,
                newLineID: CartLineID.generate(ids, at: now),
                maximum: maximumLineQuantity, now: now, on: db)
        }
        return (capped, dropped)
    }

    /// Copies the guest's contact, addresses and delivery where the customer's cart has none. A shipping
    /// method priced in another currency is not carried over.
    private func fillDetails(of target: Cart, from guest: Cart, on db: any SQLDatabase) async throws {
        let email = target.email ?? guest.email
        let phone = target.phone ?? guest.phone
        let shipping = try (target.shippingAddress ?? guest.shippingAddress).map { try CheckoutStore.json($0) }
        let billing = try (target.billingAddress ?? guest.billingAddress).map { try CheckoutStore.json($0) }
        var delivery = target.delivery
        if delivery == nil, guest.currency == target.currency { delivery = guest.delivery }
        let (kind, ref) = Self.deliveryColumns(delivery)
        try await CheckoutStore.setDetails(
            of: target.id,
            """
            email = \(bind: email), phone = \(bind: phone), shipping_address = \(bind: shipping),
            billing_address = \(bind: billing), delivery_kind = \(bind: kind), delivery_ref = \(bind: ref)
            """,
            now: now, on: db)
    }
}
