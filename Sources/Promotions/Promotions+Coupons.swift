public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Coupon codes: upper-case letters, digits and dashes, 3 to 40 of them.
    public static func normalizedCode(_ text: String) -> String? {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (3...40).contains(code.count),
            code.unicodeScalars.allSatisfy({
                CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-").contains($0)
            })
        else { return nil }
        return code
    }

    static let generatedAlphabet = Array("ABCDEFGHJKMNPQRSTVWXYZ23456789")

    /// Creates coupons for a promotion: the codes given, plus `count` generated ones (`PREFIX-XXXXXXXX`,
    /// unique). Every problem is reported at once; a code that exists already is refused by name.
    public func createCoupons(
        for promotionID: String, _ new: NewCoupons, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> [Coupon] {
        _ = try await promotion(promotionID, on: db)
        let now = self.now
        var validator = Validator()
        var codes: [String] = []
        for (index, text) in new.codes.enumerated() {
            if let code = Self.normalizedCode(text), !codes.contains(code) {
                codes.append(code)
            } else {
                validator.add(PromotionsError.invalidCouponCode, at: "/codes/\(index)")
            }
        }
        let total = new.codes.count + new.count
        if new.count < 0 || total < 1 || total > Self.maximumCouponsPerBatch {
            validator.add(PromotionsError.invalidCouponCount, at: "/count")
        }
        let prefix = new.prefix.uppercased()
        if !prefix.isEmpty && Self.normalizedCode(prefix + "-XXXXXXXX") == nil {
            validator.add(PromotionsError.invalidCouponCode, at: "/prefix")
        }
        if let limit = new.usageLimit, limit < 1 { validator.add(PromotionsError.invalidLimit, at: "/usage_limit") }
        if let limit = new.perCustomerLimit, limit < 1 {
            validator.add(PromotionsError.invalidLimit, at: "/per_customer_limit")
        }
        if let expiry = new.expiresAt, expiry <= now { validator.add(PromotionsError.expiryInPast, at: "/expires_at") }
        try validator.finish()

        let batch = CouponBatchID.generate(ids, at: now)
        return try await Savepoint.atomically("promotion_coupons", on: db) {
            var created: [Coupon] = []
            var taken = Validator()
            for (index, code) in codes.enumerated() {
                if let coupon = try await insert(code, promotionID, batch, new, now: now, on: db) {
                    created.append(coupon)
                } else {
                    taken.add(PromotionsError.couponCodeTaken(code), at: "/codes/\(index)")
                }
            }
            try taken.finish()
            var random = SystemRandomNumberGenerator()
            while created.count < total {
                let body = String((0..<8).map { _ in Self.generatedAlphabet.randomElement(using: &random)! })
                let code = prefix.isEmpty ? body : "\(prefix)-\(body)"
                if let coupon = try await insert(code, promotionID, batch, new, now: now, on: db) {
                    created.append(coupon)
                }
            }
            _ = try await audit.record(
                "promotion.coupons_created", by: actor, target: ("promotion", promotionID),
                detail: ["count": "\(created.count)", "batch": batch.rawValue], on: db)
            return created
        }
    }

    private func insert(
        _ code: String, _ promotionID: String, _ batch: CouponBatchID, _ new: NewCoupons, now: Date,
        on db: any SQLDatabase
    ) async throws -> Coupon? {
        let id = CouponID.generate(ids, at: now)
        return try await db.raw(
            """
            INSERT INTO promotion_coupons (id, code, promotion_id, batch_id, usage_limit, per_customer_limit, uses,
                                           expires_at, active, created_at)
            VALUES (\(bind: id.rawValue), \(bind: code), \(bind: promotionID), \(bind: batch.rawValue),
                    \(bind: new.usageLimit), \(bind: new.perCustomerLimit), 0, \(bind: new.expiresAt?.epochMicroseconds),
                    1, \(bind: now.epochMicroseconds))
            ON CONFLICT (code) DO NOTHING
            RETURNING \(unsafeRaw: PromotionsStore.couponColumns)
            """
        ).first().map(PromotionsStore.coupon)
    }

    /// A promotion's coupons, newest first.
    public func coupons(
        of promotionID: String, limit: Int, after: CouponID? = nil, on db: any SQLDatabase
    ) async throws -> [Coupon] {
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: PromotionsStore.couponColumns) FROM promotion_coupons WHERE promotion_id = \(bind: promotionID)"
        )
        if let after { query = query + " AND id < \(bind: after.rawValue)" }
        query = query + " ORDER BY id DESC LIMIT \(bind: limit)"
        return try await db.raw(query).all().map(PromotionsStore.coupon)
    }

    /// The coupon a shopper's code names with its promotion, if `customerID` may use it now; otherwise the
    /// specific reason (not found, switched off, expired, used up, used up by this customer).
    public func usableCoupon(
        _ text: String, customerID: String?, on db: any SQLDatabase
    ) async throws -> (coupon: Coupon, promotion: PromotionRecord) {
        guard let code = Self.normalizedCode(text), let coupon = try await PromotionsStore.coupon(code: code, on: db)
        else { throw PromotionsError.couponNotFound }
        let promotion = try await promotion(coupon.promotionID, on: db)
        guard coupon.isActive, promotion.isActive else { throw PromotionsError.couponInactive }
        guard !coupon.isExpired(at: now) else { throw PromotionsError.couponExpired }
        if let limit = coupon.usageLimit, coupon.uses >= limit { throw PromotionsError.couponExhausted }
        if let limit = coupon.perCustomerLimit, let customerID,
            try await redemptions(ofCustomer: customerID, coupon: coupon.id, on: db) >= limit
        {
            throw PromotionsError.couponCustomerLimitReached
        }
        return (coupon, promotion)
    }
}
