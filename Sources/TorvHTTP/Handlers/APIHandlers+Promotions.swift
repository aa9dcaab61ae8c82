import Checkout
import Flows
import Foundation
import Persistence
import Promotions
import TorvAPI
import TorvCore

/// Promotions and coupons for marketing staff, coupon codes on carts for shoppers, and the preview of a
/// cart at another moment.
extension APIHandlers {
    func listPromotions(_ input: Operations.ListPromotions.Input) async throws -> Operations.ListPromotions.Output {
        let promotions = platform.promotions
        let records = try await platform.database.read { db in try await promotions.promotions(on: db) }
        return .ok(.init(body: .json(.init(items: records.map { .init($0) }))))
    }

    func createPromotion(_ input: Operations.CreatePromotion.Input) async throws -> Operations.CreatePromotion.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = try Self.promotion(body, id: "promo_new")
        let actor = try actor()
        let promotions = platform.promotions
        let campaign = try Self.campaignID(body.campaignId)
        let (saved, warnings) = try await HonestPrices.save(
            { db in
                try await promotions.create(
                    draft, isActive: body.active ?? true, campaignID: campaign, by: actor, on: db)
            }, campaignID: campaign, on: platform)
        return .created(.init(body: .json(.init(saved.record, conflicts: saved.conflicts, warnings: warnings))))
    }

    func getPromotion(_ input: Operations.GetPromotion.Input) async throws -> Operations.GetPromotion.Output {
        let id = try pathID(input.path.promotionId, as: PromotionID.self, notFound: PromotionsError.promotionNotFound)
        let promotions = platform.promotions
        let record = try await platform.database.read { db in try await promotions.promotion(id.rawValue, on: db) }
        return .ok(.init(body: .json(.init(record))))
    }

    func updatePromotion(_ input: Operations.UpdatePromotion.Input) async throws -> Operations.UpdatePromotion.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.promotionId, as: PromotionID.self, notFound: PromotionsError.promotionNotFound)
        let draft = try Self.promotion(body, id: id.rawValue)
        let actor = try actor()
        let promotions = platform.promotions
        let campaign = try Self.campaignID(body.campaignId)
        let (saved, warnings) = try await HonestPrices.save(
            { db in
                try await promotions.update(
                    id.rawValue, to: draft, isActive: body.active ?? true, campaignID: campaign, by: actor, on: db)
            }, campaignID: campaign, on: platform)
        return .ok(.init(body: .json(.init(saved.record, conflicts: saved.conflicts, warnings: warnings))))
    }

    func listCoupons(_ input: Operations.ListCoupons.Input) async throws -> Operations.ListCoupons.Output {
        let id = try pathID(input.path.promotionId, as: PromotionID.self, notFound: PromotionsError.promotionNotFound)
        let limit = try Paging.limit(input.query.limit)
        let after = try Paging.cursor(input.query.after, as: CouponID.self)
        let promotions = platform.promotions
        let fetched = try await platform.database.read { db in
            _ = try await promotions.promotion(id.rawValue, on: db)
            return try await promotions.coupons(of: id.rawValue, limit: limit + 1, after: after, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func createCoupons(_ input: Operations.CreateCoupons.Input) async throws -> Operations.CreateCoupons.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.promotionId, as: PromotionID.self, notFound: PromotionsError.promotionNotFound)
        let new = NewCoupons(
            codes: body.codes ?? [], count: body.count ?? 0, prefix: body.prefix ?? "", usageLimit: body.usageLimit,
            perCustomerLimit: body.perCustomerLimit, expiresAt: body.expiresAt)
        let actor = try actor()
        let promotions = platform.promotions
        let coupons = try await platform.database.inTransaction { db in
            try await promotions.createCoupons(for: id.rawValue, new, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(items: coupons.map { .init($0) }))))
    }

    func previewPromotions(
        _ input: Operations.PreviewPromotions.Input
    ) async throws -> Operations.PreviewPromotions.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(body.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        // The same pricing as the shopper's, on a clock stopped at the moment asked about.
        let view = try await ShoppingCarts.view(id, access: .staff, on: platform.on(.fixed(body.at)))
        return .ok(.init(body: .json(.init(view, forStaff: true))))
    }

    func applyCartCoupon(_ input: Operations.ApplyCartCoupon.Input) async throws -> Operations.ApplyCartCoupon.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await CartCoupons.apply(
            body.code, to: id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }

    func removeCartCoupon(
        _ input: Operations.RemoveCartCoupon.Input
    ) async throws -> Operations.RemoveCartCoupon.Output {
        let id = try pathID(input.path.cartId, as: CartID.self, notFound: CheckoutError.cartNotFound)
        let view = try await CartCoupons.remove(
            input.path.code, from: id, access: cartAccess(token: input.headers.xCartToken), on: platform)
        return .ok(.init(body: .json(.init(view))))
    }
}

/// Sales events: scheduled by marketing, shown to shoppers while announced or running.
extension APIHandlers {
    func listCampaigns(_ input: Operations.ListCampaigns.Input) async throws -> Operations.ListCampaigns.Output {
        let promotions = platform.promotions
        let now = platform.clock.now()
        let campaigns = try await platform.database.read { db in try await promotions.campaigns(on: db) }
        return .ok(.init(body: .json(.init(items: campaigns.map { .init($0, at: now) }))))
    }

    func createCampaign(_ input: Operations.CreateCampaign.Input) async throws -> Operations.CreateCampaign.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let new = NewCampaign(
            name: body.name, timeZone: body.timeZone, announceAt: body.announceAt, startsAt: body.startsAt,
            endsAt: body.endsAt)
        let actor = try actor()
        let promotions = platform.promotions
        let campaign = try await platform.database.inTransaction { db in
            try await promotions.createCampaign(new, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(campaign, at: platform.clock.now()))))
    }

    func listStoreCampaigns(
        _ input: Operations.ListStoreCampaigns.Input
    ) async throws -> Operations.ListStoreCampaigns.Output {
        let showing = try await Campaigns.showing(on: platform)
        return .ok(
            .init(
                body: .json(
                    .init(
                        items: showing.map {
                            .init(
                                id: $0.campaign.id.rawValue, name: $0.campaign.name,
                                phase: $0.phase == .running ? .running : .announced, startsAt: $0.campaign.startsAt,
                                endsAt: $0.campaign.endsAt, secondsLeft: $0.secondsLeft, offers: $0.offers)
                        }))))
    }
}

extension Components.Schemas.Campaign {
    init(_ campaign: Campaign, at now: Date) {
        self.init(
            id: campaign.id.rawValue, name: campaign.name, timeZone: campaign.timeZone, announceAt: campaign.announceAt,
            startsAt: campaign.startsAt, endsAt: campaign.endsAt,
            phase: .init(rawValue: campaign.phase(at: now).rawValue) ?? .scheduled)
    }
}
