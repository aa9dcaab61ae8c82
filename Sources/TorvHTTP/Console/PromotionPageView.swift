import Foundation
import Promotions
import TorvCore

/// A promotion's console page: its rule in words, its usage against its budget, its coupons, and for staff
/// who may manage promotions the switch and the coupon form.
struct PromotionPageView {
    let promotionTabs: [PromotionTabView]
    let promotionID: String
    let promotionTitle: String
    let promotionStatusLabel: String
    let promotionStatusBadge: String
    let promotionNotice: String?
    let promotionFacts: [Fact]
    let promotionConditions: [String]
    let hasPromotionConditions: Bool
    let usageFigures: [Fact]
    let couponRows: [CouponRow]
    let hasCouponRows: Bool
    let couponsNextHref: String?
    let couponsCSVHref: String
    let switchForm: SwitchForm?
    let couponForm: PromotionCouponForm?

    struct Fact {
        let factLabel: String
        let factText: String
        let factHref: String?
    }

    struct CouponRow {
        let couponCode: String
        let couponUses: String
        let couponPerCustomer: String
        let couponExpiry: String
        let couponState: String
        let couponCreated: String
    }

    struct SwitchForm {
        let switchKey: String
        let switchTarget: String
        let switchLabel: String
        let switchHint: String
        let switchError: String?
    }

    /// The fixed confirmations a form's redirect names (`?done=switched_off`); nothing typed reaches the page.
    enum Notice: String, CaseIterable {
        case switchedOn = "switched_on"
        case switchedOff = "switched_off"
        case couponCreated = "coupon_created"
        case couponsCreated = "coupons_created"
        case created
        case ruleChanged = "rule_changed"
        case priceWarnings = "price_warnings"

        var message: String {
            switch self {
            case .switchedOn: "The promotion is switched on: it applies whenever its window and budget allow."
            case .switchedOff: "The promotion is switched off: it no longer applies, and its coupons stop working."
            case .couponCreated: "The coupon was created."
            case .couponsCreated:
                "The coupons were created. Their codes are in the list below and in the CSV download."
            case .created: "The promotion was created. Its rule is described below."
            case .ruleChanged: "The rule was saved. It applies to carts priced from now on."
            case .priceWarnings:
                "Saved, with a warning: the regular price of something it reduces was raised shortly before it starts, "
                    + "so shoppers may not get the reduction it advertises. Check the prices in the catalog."
            }
        }

        func location(of promotionID: String) -> String { "/admin/promotions/\(promotionID)?done=\(rawValue)" }
    }

    static let couponPageSize = 50

    init(
        _ record: PromotionRecord, campaign: Campaign?, coupons: [Coupon], couponsNext: CouponID?,
        mayManage: Bool, notice: Notice?, switchError: String? = nil, couponForm failure: PromotionCouponForm.Failure?,
        now: Date, settings: ShopSettings
    ) {
        let promotion = record.promotion
        let status = PromotionRuleView.status(of: record, campaign: campaign, at: now)
        promotionTabs = PromotionTabView.tabs(current: .promotions)
        promotionID = promotion.id
        promotionTitle = promotion.name
        promotionStatusLabel = status.label
        promotionStatusBadge = "promotion-\(status.rawValue)"
        promotionNotice = notice?.message
        promotionFacts = [
            Fact(factLabel: "Shoppers see", factText: promotion.label, factHref: nil),
            Fact(
                factLabel: "Takes off",
                factText: PromotionRuleView.action(promotion.action, settings: settings) + " "
                    + PromotionRuleView.scope(promotion.scope), factHref: nil),
            Fact(factLabel: "Priority", factText: "\(promotion.priority) (higher applies first)", factHref: nil),
            Fact(factLabel: "Stacking", factText: PromotionRuleView.stackingText(promotion.stacking), factHref: nil),
            Fact(
                factLabel: "Window",
                factText: PromotionRuleView.windowText(promotion, campaign: nil, settings: settings), factHref: nil),
            Fact(
                factLabel: "Campaign", factText: campaign?.name ?? "None",
                factHref: campaign.map { "/admin/promotions/campaigns/\($0.id.rawValue)" }),
            Fact(factLabel: "Created", factText: settings.dateTime(record.createdAt), factHref: nil),
            Fact(factLabel: "Changed", factText: settings.dateTime(record.updatedAt), factHref: nil),
        ]
        promotionConditions = PromotionRuleView.conditions(promotion.conditions, settings: settings)
        hasPromotionConditions = !promotionConditions.isEmpty
        let budget = promotion.budget
        usageFigures = [
            Fact(
                factLabel: "Orders",
                factText: budget.maxUses.map { "\(record.uses) of \($0)" } ?? "\(record.uses) (no limit)",
                factHref: nil),
            Fact(
                factLabel: "Discount given",
                factText: (record.discountGiven.map(settings.money)
                    ?? settings.money(Money(minorUnits: 0, currency: settings.currency)))
                    + (budget.maxDiscount.map { " of \(settings.money($0))" } ?? " (no limit)"), factHref: nil),
            Fact(
                factLabel: "Per customer",
                factText: budget.maxUsesPerCustomer.map { "at most \($0) order\($0 == 1 ? "" : "s")" } ?? "no limit",
                factHref: nil),
        ]
        couponRows = coupons.map { coupon in
            CouponRow(
                couponCode: coupon.code,
                couponUses: coupon.usageLimit.map { "\(coupon.uses) of \($0)" } ?? "\(coupon.uses) (no limit)",
                couponPerCustomer: coupon.perCustomerLimit.map { "\($0)" } ?? "no limit",
                couponExpiry: coupon.expiresAt.map { PromotionRuleView.moment($0, settings: settings) } ?? "never",
                couponState: Self.state(of: coupon, at: now), couponCreated: settings.dateTime(coupon.createdAt))
        }
        hasCouponRows = !coupons.isEmpty
        couponsNextHref = couponsNext.map { "/admin/promotions/\(promotion.id)?coupons_after=\($0.rawValue)#coupons" }
        couponsCSVHref = "/admin/promotions/\(promotion.id)/coupons.csv"
        switchForm =
            mayManage
            ? SwitchForm(
                switchKey: FormGuard.randomToken(), switchTarget: record.isActive ? "off" : "on",
                switchLabel: record.isActive ? "Switch off" : "Switch on",
                switchHint: record.isActive
                    ? "Stops it applying at once; orders already placed keep their discount."
                    : "It applies again whenever its window and budget allow.", switchError: switchError)
            : nil
        couponForm = mayManage ? PromotionCouponForm(failure, timeZone: settings.timeZone) : nil
    }

    static func state(of coupon: Coupon, at now: Date) -> String {
        if !coupon.isActive { return "Switched off" }
        if coupon.isExpired(at: now) { return "Expired" }
        if let limit = coupon.usageLimit, coupon.uses >= limit { return "Used up" }
        return "Usable"
    }
}

/// Creates one coupon with a code staff choose, or a batch of unique generated codes.
struct PromotionCouponForm {
    let couponKey: String
    let couponCodeValue: String
    let couponCountValue: String
    let couponPrefixValue: String
    let couponUsageLimitValue: String
    let couponPerCustomerValue: String
    let couponExpiresValue: String
    let couponError: String?
    let couponTimeZone: String

    /// What was typed into a refused form, and why it was refused.
    struct Failure {
        let message: String
        let form: FormData
    }

    init(_ failure: Failure?, timeZone: TimeZone) {
        couponKey = FormGuard.randomToken()
        let typed = failure?.form
        couponCodeValue = typed?["code"] ?? ""
        couponCountValue = typed?["count"] ?? ""
        couponPrefixValue = typed?["prefix"] ?? ""
        couponUsageLimitValue = typed?["usage_limit"] ?? ""
        couponPerCustomerValue = typed?["per_customer_limit"] ?? "1"
        couponExpiresValue = typed?["expires_at"] ?? ""
        couponError = failure?.message
        couponTimeZone = timeZone.identifier
    }
}
