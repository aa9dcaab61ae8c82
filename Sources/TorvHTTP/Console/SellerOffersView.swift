import Foundation
import Sellers
import TorvCore

/// A seller's offers for the operator, in the order they were listed: what they sell, in what
/// condition, at what price, how many and whether it is on sale.
struct SellerOffersView {
    let offersSellerID: String
    let offersSellerName: String
    let offerRows: [SellerOfferRow]
    let hasOfferRows: Bool
    let nextOffersHref: String?
    let isLaterOffersPage: Bool
    let marketplaceTabs: [MarketplaceTab]

    init(
        seller: Seller, offers: [SellerOffer], next: SellerOfferID?, isLaterPage: Bool, tabs: [MarketplaceTab],
        settings: ShopSettings
    ) {
        offersSellerID = seller.id.rawValue
        offersSellerName = seller.displayName
        offerRows = offers.map { offer in
            SellerOfferRow(
                offerID: offer.id.rawValue, offerTitle: offer.title, offerSKU: offer.sku,
                offerProductHref: "/admin/catalog/products/\(offer.productID)",
                offerCondition: Self.condition(offer.condition) + (offer.conditionNote.map { " — \($0)" } ?? ""),
                offerPrice: settings.money(offer.price), offerQuantity: offer.quantity,
                offerHandling: offer.handlingDays.map { "\($0) working days" } ?? "seller's default",
                offerStatusText: offer.status == .active ? "On sale" : "Paused",
                offerStatusClass: offer.status == .active ? "status-approved" : "status-pending",
                offerUpdated: settings.dateTime(offer.updatedAt))
        }
        hasOfferRows = !offers.isEmpty
        nextOffersHref = next.map { "/admin/marketplace/sellers/\(seller.id.rawValue)/offers?after=\($0.rawValue)" }
        isLaterOffersPage = isLaterPage
        marketplaceTabs = tabs
    }

    static func condition(_ condition: OfferCondition) -> String {
        switch condition {
        case .new: "New"
        case .used: "Used"
        case .refurbished: "Refurbished"
        }
    }
}

struct SellerOfferRow {
    let offerID: String
    let offerTitle: String
    let offerSKU: String
    let offerProductHref: String
    let offerCondition: String
    let offerPrice: String
    let offerQuantity: Int
    let offerHandling: String
    let offerStatusText: String
    let offerStatusClass: String
    let offerUpdated: String
}

/// Moves the seller to another commission plan, as the API's `setSellerPlan` does.
struct SellerPlanForm {
    let planKey: String
    let planValue: String
    let planProblem: String?

    init(plan: String, problem: String? = nil) {
        planKey = FormGuard.randomToken()
        planValue = plan
        planProblem = problem
    }
}
