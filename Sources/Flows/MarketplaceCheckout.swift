import Catalog
import Checkout
import Foundation
public import Orders
import Persistence
import SQLKit
import Sellers
import TorvCore

/// The marketplace's part of a checkout: sellers' stock taken with the order, the order split into one
/// sub-order per seller with the platform's fee per line, and the stock given back if the order falls
/// through. Runs inside the checkout's (or the cancellation's) transaction.
enum MarketplaceCheckout {
    /// Takes each seller line's units from its offer, refusing the checkout when an offer ran out since
    /// the cart was priced — the buyer sees which line, and nothing was written.
    static func takeStock(_ view: CartView, on platform: Platform, db: any SQLDatabase) async throws {
        for (index, entry) in view.lines.enumerated() {
            guard let offer = entry.sellerOffer, entry.priced != nil else { continue }
            do {
                try await platform.sellers.takeStock(entry.line.quantity, of: offer.id, on: db)
            } catch let error as OfferStockError {
                throw CheckoutFlowError.notReady([
                    FieldError(pointer: "/lines/\(index)", message: error.message, code: error.code)
                ])
            }
        }
    }

    /// One sub-order per seller in the order draft: what the buyer pays for the seller's lines and
    /// shipping, the fee per line from the platform's rules now (never from the client), and what the
    /// seller is owed. `lines` are the order draft's lines, in the order the view's priced lines come.
    static func subOrders(
        _ view: CartView, lines: [OrderLineDraft], on platform: Platform, db: any SQLDatabase
    ) async throws -> [SubOrderDraft] {
        guard lines.contains(where: { $0.sellerID != nil }), let priced = view.priced else { return [] }
        let sellers = Dictionary(
            view.lines.compactMap { entry in entry.seller.map { ($0.id.rawValue, $0) } },
            uniquingKeysWith: { first, _ in first })
        let paths = try await categoryPaths(
            of: Set(lines.filter { $0.sellerID != nil }.map(\.productID)), on: platform, db: db)
        let split = lines.enumerated().compactMap { position, line -> SplitLine? in
            guard let sellerID = line.sellerID else { return nil }
            return SplitLine(
                lineID: String(position), sellerID: sellerID, sellerPlan: sellers[sellerID]?.plan ?? "standard",
                categoryPath: paths[line.productID] ?? [], quantity: line.quantity, total: line.total)
        }
        let plans = try MarketplaceSplit.plan(
            split, currency: priced.currency, shipping: [:], rules: try await platform.sellers.commissionRules(on: db))
        return try plans.compactMap { plan -> SubOrderDraft? in
            guard let sellerID = plan.sellerID else { return nil }
            let shipping = priced.sellerShipping.first { $0.sellerID == sellerID }
            let paid = shipping?.total ?? .zero(priced.currency)
            return SubOrderDraft(
                sellerID: sellerID, linePositions: plan.lineIDs.compactMap(Int.init), goods: plan.goods,
                shipping: paid, shippingTax: shipping?.tax ?? .zero(priced.currency), fee: plan.feeTotal,
                sellerNet: try plan.goods.adding(paid).subtracting(plan.feeTotal))
        }
    }

    /// Cancels the order's sub-orders that have not shipped and gives their units back to the sellers'
    /// offers — once each, however often a cancellation is replayed (the sub-order's guarded status).
    static func cancelSubOrders(
        of order: Order, only: SubOrderID? = nil, on platform: Platform, db: any SQLDatabase
    ) async throws {
        for subOrder in try await platform.orders.subOrders(of: order.id, on: db)
        where subOrder.status == .open && (only == nil || subOrder.id == only) {
            guard try await platform.orders.cancelSubOrder(subOrder.id, on: db) != nil else { continue }
            for line in order.lines where subOrder.lineIDs.contains(line.id) {
                guard let offerID = line.offerID.flatMap(SellerOfferID.init) else { continue }
                try await platform.sellers.returnStock(line.quantity - line.shippedQuantity, to: offerID, on: db)
            }
        }
    }

    /// Each product's category path (its category first, up to the root), for the commission rules.
    static func categoryPaths(
        of productIDs: Set<String>, on platform: Platform, db: any SQLDatabase
    ) async throws -> [String: [String]] {
        var paths: [String: [String]] = [:]
        for text in productIDs {
            guard let id = ProductID(text), let product = try? await platform.catalog.product(id, on: db) else {
                continue
            }
            paths[text] = try await Marketplace.categoryPath(of: product, on: platform, db: db)
        }
        return paths
    }
}
