import Catalog
import Flows
import Foundation
import Promotions
import TorvAPI
import TorvCore

extension APIHandlers {
    /// The engine's rule from the API's flat form; amounts are checked for a known currency here, the rule
    /// itself by ``PromotionRules/validate(_:)`` when saved.
    static func promotion(_ body: Components.Schemas.PromotionInput, id: String) throws -> Promotion {
        var conditions: [PromotionCondition] = []
        if let given = body.conditions {
            if let channels = given.channels { conditions.append(.channels(Set(channels))) }
            if let groups = given.customerGroups { conditions.append(.customerGroups(Set(groups))) }
            if let companies = given.companies { conditions.append(.companies(Set(companies))) }
            if let minimum = given.minimumSubtotal {
                conditions.append(.minimumSubtotal(try money(minimum, at: "/conditions/minimum_subtotal")))
            }
            if let minimum = given.minimumQuantity { conditions.append(.minimumQuantity(minimum)) }
            if given.firstOrder == true { conditions.append(.firstOrder) }
            if given.startsAt != nil || given.endsAt != nil {
                conditions.append(.window(from: given.startsAt, until: given.endsAt))
            }
            if given.couponRequired == true { conditions.append(.coupon) }
        }
        let scope = LineScope(
            productIDs: Set(body.scope?.productIds ?? []), variantIDs: Set(body.scope?.variantIds ?? []),
            categoryIDs: Set(body.scope?.categoryIds ?? []))
        let budget = PromotionBudget(
            maxDiscount: try body.budget?.maxDiscount.map { try money($0, at: "/budget/max_discount") },
            maxUses: body.budget?.maxUses, maxUsesPerCustomer: body.budget?.maxUsesPerCustomer)
        return Promotion(
            id: id, name: body.name, label: body.label, priority: body.priority ?? 0,
            stacking: body.stacking == .exclusive ? .exclusive : .combinable, conditions: conditions, scope: scope,
            action: try action(body.action), budget: budget)
    }

    static func campaignID(_ text: String?) throws -> CampaignID? {
        guard let text else { return nil }
        guard let id = CampaignID(text) else {
            throw ValidationError([
                FieldError(pointer: "/campaign_id", message: "is not a campaign ID", code: "invalid_id")
            ])
        }
        return id
    }

    static func action(_ body: Components.Schemas.PromotionActionInput) throws -> PromotionAction {
        func amount() throws -> Money {
            guard let amount = body.amount else {
                throw ValidationError([FieldError(pointer: "/action/amount", message: "is required", code: "required")])
            }
            return try money(amount, at: "/action/amount")
        }
        switch body._type {
        case .percentOff: return .percentOff(basisPoints: body.basisPoints ?? 0)
        case .amountOffOrder: return .amountOffOrder(try amount())
        case .amountOffEachItem: return .amountOffEachItem(try amount())
        case .fixedPrice: return .fixedPrice(try amount())
        case .buyXGetY:
            return .buyXGetY(
                buy: body.buy ?? 0, get: body.get ?? 0, basisPointsOff: body.basisPoints ?? 10_000,
                maxApplications: body.maxApplications)
        case .spendTiers:
            return .spendTiers(
                try (body.tiers ?? []).enumerated().map { index, tier in
                    SpendTier(
                        threshold: try money(tier.threshold, at: "/action/tiers/\(index)/threshold"),
                        basisPointsOff: tier.basisPoints)
                })
        case .freeShipping: return .freeShipping
        case .freeGift: return .freeGift(variantID: body.variantId ?? "", quantity: body.quantity ?? 1)
        }
    }
}

extension Components.Schemas.Promotion {
    init(_ record: PromotionRecord, conflicts: [PromotionConflict]? = nil, warnings: [HonestPrices.Warning]? = nil) {
        let promotion = record.promotion
        var conditions = Components.Schemas.PromotionConditions()
        for condition in promotion.conditions {
            switch condition {
            case .channels(let values): conditions.channels = values.sorted()
            case .customerGroups(let values): conditions.customerGroups = values.sorted()
            case .companies(let values): conditions.companies = values.sorted()
            case .minimumSubtotal(let amount): conditions.minimumSubtotal = .init(amount)
            case .minimumQuantity(let quantity): conditions.minimumQuantity = quantity
            case .firstOrder: conditions.firstOrder = true
            case .window(let from, let until):
                conditions.startsAt = from
                conditions.endsAt = until
            case .coupon: conditions.couponRequired = true
            }
        }
        self.init(
            id: promotion.id, name: promotion.name, label: promotion.label, priority: promotion.priority,
            stacking: promotion.stacking == .exclusive ? .exclusive : .combinable, active: record.isActive,
            conditions: conditions,
            scope: .init(
                productIds: promotion.scope.productIDs.sorted(), variantIds: promotion.scope.variantIDs.sorted(),
                categoryIds: promotion.scope.categoryIDs.sorted()),
            action: .init(promotion.action),
            budget: .init(
                maxDiscount: promotion.budget.maxDiscount.map { .init($0) }, maxUses: promotion.budget.maxUses,
                maxUsesPerCustomer: promotion.budget.maxUsesPerCustomer),
            uses: record.uses, discountGiven: record.discountGiven.map { .init($0) },
            campaignId: record.campaignID?.rawValue,
            conflicts: conflicts?.map {
                .init(code: $0.code, message: $0.message, otherPromotionId: $0.otherPromotionID)
            }, priceWarnings: warnings?.map(Components.Schemas.PriceWarning.init))
    }
}

extension Components.Schemas.PriceWarning {
    init(_ warning: HonestPrices.Warning) {
        let detail = warning.detail
        self.init(
            variantId: warning.variantID, raisedFrom: .init(detail.raise.from), raisedTo: .init(detail.raise.to),
            raisedAt: detail.raise.at, advertisedFrom: .init(detail.advertisedFrom),
            reducedPrice: .init(detail.reducedPrice),
            priorPrice: detail.priorPrice.map(Components.Schemas.Money.init),
            lowestInLookback: .init(detail.lowestInLookback),
            advertisedPercentOff: detail.advertisedPercentOff, honestPercentOff: detail.honestPercentOff,
            misleading: detail.wouldMisleadShoppers)
    }
}

extension Components.Schemas.PromotionActionInput {
    init(_ action: PromotionAction) {
        switch action {
        case .percentOff(let basisPoints): self.init(_type: .percentOff, basisPoints: basisPoints)
        case .amountOffOrder(let amount): self.init(_type: .amountOffOrder, amount: .init(amount))
        case .amountOffEachItem(let amount): self.init(_type: .amountOffEachItem, amount: .init(amount))
        case .fixedPrice(let amount): self.init(_type: .fixedPrice, amount: .init(amount))
        case .buyXGetY(let buy, let get, let basisPoints, let maxApplications):
            self.init(
                _type: .buyXGetY, basisPoints: basisPoints, buy: buy, get: get, maxApplications: maxApplications)
        case .spendTiers(let tiers):
            self.init(
                _type: .spendTiers,
                tiers: tiers.map { .init(threshold: .init($0.threshold), basisPoints: $0.basisPointsOff) })
        case .freeShipping: self.init(_type: .freeShipping)
        case .freeGift(let variantID, let quantity):
            self.init(_type: .freeGift, variantId: variantID, quantity: quantity)
        }
    }
}

extension Components.Schemas.Coupon {
    init(_ coupon: Coupon) {
        self.init(
            id: coupon.id.rawValue, code: coupon.code, promotionId: coupon.promotionID, usageLimit: coupon.usageLimit,
            perCustomerLimit: coupon.perCustomerLimit, uses: coupon.uses, expiresAt: coupon.expiresAt,
            active: coupon.isActive)
    }
}

extension Components.Schemas.CartPromotions {
    /// Reasons a shopper cannot act on, or that would reveal promotions meant for others (another
    /// customer group, a company's deal, a coupon they do not have), are left out of the shopper's view.
    static let privateReasons: Set<String> = [
        "wrong_channel", "customer_group", "company", "coupon_required", "not_started", "ended", "currency_mismatch",
    ]

    init(_ outcome: PromotionOutcome, forStaff: Bool) {
        self.init(
            applied: outcome.applied.map {
                .init(promotionId: $0.promotionID, label: $0.label, amount: .init($0.total))
            },
            notApplied: outcome.notApplied.filter { forStaff || !Self.privateReasons.contains($0.reason.code) }.map {
                .init(promotionId: $0.promotionID, label: $0.label, code: $0.reason.code, message: $0.reason.message)
            })
    }
}
