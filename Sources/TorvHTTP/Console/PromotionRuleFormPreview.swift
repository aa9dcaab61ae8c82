import Checkout
import Flows
import Foundation
import Promotions
import TorvCore

/// "Try it on a cart": a shopper's cart priced as the API's `previewPromotions` prices it, at a moment staff
/// choose, with the promotions that applied and why the others did not.
struct PromotionRuleFormPreview {
    let previewCartValue: String
    let previewAtValue: String
    let previewZone: String
    let previewError: String?
    let previewResult: Result?

    struct Result {
        let previewHeading: String
        let previewTotals: [PromotionPageView.Fact]
        let previewApplied: [PromotionPageView.Fact]
        let hasPreviewApplied: Bool
        let previewSkipped: [PromotionPageView.Fact]
        let hasPreviewSkipped: Bool
    }

    init(cart: String, at: String, error: String?, view: CartView?, moment: Date, settings: ShopSettings) {
        previewCartValue = cart
        previewAtValue = at
        previewZone = settings.timeZone.identifier
        previewError = error
        previewResult = view.map { view in
            func fact(_ label: String, _ text: String, _ promotion: String? = nil) -> PromotionPageView.Fact {
                PromotionPageView.Fact(
                    factLabel: label, factText: text, factHref: promotion.map { "/admin/promotions/\($0)" })
            }
            let totals = view.priced.map { priced in
                [
                    fact("Subtotal", settings.money(priced.totals.subtotal)),
                    fact("Discount", settings.money(priced.totals.discount)),
                    fact("Shipping", settings.money(priced.totals.shipping)),
                    fact("Total", settings.money(priced.totals.grandTotal)),
                ]
            }
            let applied = (view.promotions?.applied ?? []).map {
                fact(settings.money($0.total) + " off", $0.label, $0.promotionID)
            }
            let skipped = (view.promotions?.notApplied ?? []).map {
                fact($0.reason.message, $0.label, $0.promotionID)
            }
            return Result(
                previewHeading: "\(view.cart.id.rawValue) on \(PromotionRuleView.moment(moment, settings: settings))",
                previewTotals: totals ?? [fact("Total", "Nothing in the cart can be bought")],
                previewApplied: applied, hasPreviewApplied: !applied.isEmpty, previewSkipped: skipped,
                hasPreviewSkipped: !skipped.isEmpty)
        }
    }
}
