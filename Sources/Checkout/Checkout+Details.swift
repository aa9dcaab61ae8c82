import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Sets (or, with `nil`, clears) the email and phone the order confirmation goes to.
    public func setContact(
        email: String?, phone: String?, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        let email = email.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        let phone = phone.map(Self.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        var validator = Validator()
        if let email { validator.checkEmail(email, at: "/email") }
        if let phone { validator.checkPhone(phone, at: "/phone") }
        try validator.finish()
        return try await changeDetails(of: id, access: access, on: db, "email = \(bind: email), phone = \(bind: phone)")
    }

    /// Replaces the cart's coupon codes (at most ``maximumCoupons``); whether each is valid is for
    /// Promotions to say, which Flows asks before calling this.
    public func setCouponCodes(
        _ codes: [String], in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        var validator = Validator()
        if codes.count > Self.maximumCoupons {
            validator.add(
                FieldError(
                    pointer: "/code", message: "a cart takes at most \(Self.maximumCoupons) coupons",
                    code: "too_many_coupons"))
        }
        try validator.finish()
        let json = String(decoding: try JSONEncoder().encode(codes), as: UTF8.self)
        return try await changeDetails(of: id, access: access, on: db, "coupon_codes = \(bind: json)")
    }

    /// Sets or clears where the order ships to. The address is checked field by field first.
    public func setShippingAddress(
        _ address: Address?, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        let json = try Self.validatedJSON(address)
        return try await changeDetails(of: id, access: access, on: db, "shipping_address = \(bind: json)")
    }

    /// Sets or clears the invoice address (`nil`: the same as the shipping address).
    public func setBillingAddress(
        _ address: Address?, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        let json = try Self.validatedJSON(address)
        return try await changeDetails(of: id, access: access, on: db, "billing_address = \(bind: json)")
    }

    /// Sets both addresses in one change (`billing == nil`: invoice the shipping address).
    public func setAddresses(
        shipping: Address?, billing: Address?, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        // Both addresses are checked before either is refused, with pointers into the request body.
        var validator = Validator()
        for (address, pointer) in [(shipping, "/shipping"), (billing, "/billing")] {
            do { try address?.normalised.validate() } catch { validator.add(error, at: pointer) }
        }
        try validator.finish()
        let shippingJSON = try Self.validatedJSON(shipping)
        let billingJSON = try Self.validatedJSON(billing)
        return try await changeDetails(
            of: id, access: access, on: db,
            "shipping_address = \(bind: shippingJSON), billing_address = \(bind: billingJSON)")
    }

    /// Chooses shipping by a method or pick-up at an Inventory location (which Flows checks), or clears
    /// the choice. A shipping method must exist, be active and price in the cart's currency; whether it
    /// serves the destination is decided when options are quoted for the address.
    public func setDelivery(
        _ choice: DeliveryChoice?, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        if case .pickup(let locationID)? = choice {
            var validator = Validator()
            validator.requireText(locationID, at: "/location_id", maximum: 64)
            try validator.finish()
        }
        let (kind, ref) = Self.deliveryColumns(choice)
        return try await Savepoint.atomically("checkout_delivery", on: db) {
            let cart = try await lockOpenCart(id, access: access, on: db)
            if case .shipping(let methodID)? = choice {
                guard let method = try await CheckoutStore.method(methodID, on: db) else {
                    throw CheckoutError.shippingMethodNotFound
                }
                guard method.isActive, method.currency == cart.currency else {
                    throw CheckoutError.shippingMethodUnavailable
                }
            }
            try await CheckoutStore.setDetails(
                of: id, "delivery_kind = \(bind: kind), delivery_ref = \(bind: ref)", now: now, on: db)
            return try await self.cart(id, access: access, on: db)
        }
    }

    func changeDetails(
        of id: CartID, access: CartAccess, on db: any SQLDatabase, _ assignments: SQLQueryString
    ) async throws -> Cart {
        try await Savepoint.atomically("checkout_details", on: db) {
            _ = try await lockOpenCart(id, access: access, on: db)
            try await CheckoutStore.setDetails(of: id, assignments, now: now, on: db)
            return try await cart(id, access: access, on: db)
        }
    }

    /// The `delivery_kind` and `delivery_ref` column values of a choice.
    static func deliveryColumns(_ choice: DeliveryChoice?) -> (kind: String?, ref: String?) {
        switch choice {
        case .shipping(let methodID)?: ("shipping", methodID.rawValue)
        case .pickup(let locationID)?: ("pickup", locationID)
        case nil: (nil, nil)
        }
    }

    static func validatedJSON(_ address: Address?) throws -> String? {
        guard let address else { return nil }
        let normalised = address.normalised
        try normalised.validate()
        return try CheckoutStore.json(normalised)
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
