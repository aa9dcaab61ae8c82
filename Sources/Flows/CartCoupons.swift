public import Checkout
import Foundation
import Persistence
import Promotions
import SQLKit
public import TorvCore

/// Coupon codes on a cart: checked against Promotions when entered (so the shopper hears at once that a
/// code is unknown, expired, used up or for another channel) and again whenever the cart is priced.
public enum CartCoupons {
    public static func apply(
        _ code: String, to id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        let changed = try await platform.database.inTransaction { db -> Cart in
            let cart = try await platform.checkout.cart(id, access: access, on: db)
            let usable: (coupon: Coupon, promotion: PromotionRecord)
            do {
                usable = try await platform.promotions.usableCoupon(code, customerID: cart.customerID, on: db)
            } catch let error as PromotionsError {
                throw ValidationError([FieldError(pointer: "/code", message: error.message, code: error.code)])
            }
            for condition in usable.promotion.promotion.conditions {
                if case .channels(let channels) = condition, !channels.contains(cart.channel) {
                    let error = PromotionsError.couponWrongChannel
                    throw ValidationError([FieldError(pointer: "/code", message: error.message, code: error.code)])
                }
            }
            guard !cart.couponCodes.contains(usable.coupon.code) else { return cart }
            return try await platform.checkout.setCouponCodes(
                cart.couponCodes + [usable.coupon.code], in: id, access: access, on: db)
        }
        return try await ShoppingCarts.view(changed.id, access: access, on: platform)
    }

    public static func remove(
        _ code: String, from id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        let normalized = code.trimmingCharacters(in: .whitespaces).uppercased()
        let changed = try await platform.database.inTransaction { db -> Cart in
            let cart = try await platform.checkout.cart(id, access: access, on: db)
            return try await platform.checkout.setCouponCodes(
                cart.couponCodes.filter { $0 != normalized }, in: id, access: access, on: db)
        }
        return try await ShoppingCarts.view(changed.id, access: access, on: platform)
    }
}
