import Foundation
import Sellers
import TorvCore

/// The console's seller list: the lifecycle filter as the visitor set it, one row per seller in
/// application order, and the link to the next page (keyset paging, as the API's `listSellers` pages).
struct SellerListView {
    let marketplaceTabs: [MarketplaceTab]
    let sellerStatusOptions: [FilterOption]
    let sellerRows: [SellerListRow]
    let hasSellers: Bool
    let sellersEmptyMessage: String
    let sellersNextHref: String?
    let sellersFirstHref: String?

    init(
        status: SellerStatus?, sellers: [Seller], next: SellerID?, isLaterPage: Bool, tabs: [MarketplaceTab],
        settings: ShopSettings
    ) {
        marketplaceTabs = tabs
        sellerStatusOptions =
            [FilterOption(optionValue: "", optionLabel: "Any status", optionSelected: status == nil)]
            + SellerStatus.allCases.map {
                FilterOption(
                    optionValue: $0.rawValue, optionLabel: SellerWords.status($0), optionSelected: status == $0)
            }
        sellerRows = sellers.map { seller in
            SellerListRow(
                sellerHref: "/admin/marketplace/sellers/\(seller.id.rawValue)", sellerName: seller.displayName,
                sellerHandle: seller.handle, sellerKind: SellerWords.kind(seller.kind),
                sellerStatus: SellerWords.status(seller.status),
                sellerStatusClass: SellerWords.statusClass(seller.status),
                sellerAppliedOn: settings.date(seller.createdAt))
        }
        hasSellers = !sellers.isEmpty
        sellersEmptyMessage =
            isLaterPage
            ? "No more sellers."
            : status.map { "No seller is \(SellerWords.status($0).lowercased())." }
                ?? "No seller has applied yet. Sellers apply through the seller API."
        sellersNextHref = next.map { Self.href(status: status, after: $0) }
        sellersFirstHref = isLaterPage ? Self.href(status: status, after: nil) : nil
    }

    private static func href(status: SellerStatus?, after: SellerID?) -> String {
        var components = URLComponents()
        components.path = "/admin/marketplace/sellers"
        let items = [
            URLQueryItem(name: "status", value: status?.rawValue), URLQueryItem(name: "after", value: after?.rawValue),
        ].filter { $0.value != nil }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? "/admin/marketplace/sellers"
    }
}

struct SellerListRow {
    let sellerHref: String
    let sellerName: String
    let sellerHandle: String
    let sellerKind: String
    let sellerStatus: String
    let sellerStatusClass: String
    let sellerAppliedOn: String
}

/// How the console names sellers' states and kinds.
enum SellerWords {
    static func status(_ status: SellerStatus) -> String {
        switch status {
        case .applied: "Applied"
        case .onboarding: "Onboarding"
        case .underReview: "Under review"
        case .approved: "Approved"
        case .suspended: "Suspended"
        case .closed: "Closed"
        }
    }

    static func statusClass(_ status: SellerStatus) -> String {
        switch status {
        case .approved: "status-approved"
        case .suspended, .closed: "status-cancelled"
        case .applied, .onboarding, .underReview: "status-pending"
        }
    }

    static func kind(_ kind: SellerKind) -> String {
        switch kind {
        case .business: "Business"
        case .private: "Private person"
        }
    }
}
