import Checkout
import Flows
import Promotions
import Sellers
import TorvCore

/// The cart page and the checkout's summary: every figure from the freshly priced ``CartView``.
struct CartPageView {
    let lines: [CartLineView]
    let totals: TotalsView?
    let promotions: [String]
    let empty: Bool
    let checkoutReady: Bool
    let cartProblems: [String]
}

extension CartPageView {
    init(_ view: CartView, settings: ShopSettings) {
        let priced = Dictionary(
            (view.priced?.lines ?? []).map { ($0.lineID, $0) }, uniquingKeysWith: { first, _ in first })
        lines = view.lines.map { line in
            let price = priced[line.line.id]
            return CartLineView(
                lineID: line.line.id.rawValue,
                lineTitle: price?.title ?? line.sellerOffer?.title ?? line.line.variantID,
                sku: price?.sku ?? "",
                sellerName: line.seller?.displayName,
                unitPriceText: price.map { settings.money($0.unitPrice) } ?? "",
                quantity: line.line.quantity,
                discountText: price.flatMap { $0.discount.isPositive ? settings.money($0.discount) : nil },
                lineTotalText: price.map { settings.money($0.subtotal) } ?? "",
                lineProblem: line.problem?.message)
        }
        totals = view.priced.map { TotalsView($0, settings: settings) }
        promotions = view.promotions?.applied.map(\.label) ?? []
        empty = view.lines.isEmpty
        checkoutReady = view.priced != nil && !view.lines.contains { $0.problem != nil }
        cartProblems = view.couponProblems.map(\.message)
    }
}

struct CartLineView {
    let lineID: String
    let lineTitle: String
    let sku: String
    let sellerName: String?
    let unitPriceText: String
    let quantity: Int
    let discountText: String?
    let lineTotalText: String
    let lineProblem: String?
}

struct TotalsView {
    let subtotalText: String
    let discountText: String?
    let shippingText: String
    let taxText: String
    let grandTotalText: String
    let pricesIncludeTax: Bool

    init(_ priced: PricedCart, settings: ShopSettings) {
        subtotalText = settings.money(priced.totals.subtotal)
        discountText = priced.totals.discount.isPositive ? settings.money(priced.totals.discount) : nil
        shippingText = settings.money(priced.totals.shipping)
        taxText = settings.money(priced.totals.tax)
        grandTotalText = settings.money(priced.totals.grandTotal)
        pricesIncludeTax = priced.pricesIncludeTax
    }
}
