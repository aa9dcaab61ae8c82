import Foundation
public import Orders
public import TorvCore

/// What a refunded return takes back from each marketplace seller: the refund of their returned units, and
/// the share of the platform's fee on them that the platform gives back. Pure, from the order's snapshot,
/// so the seller's account and the books compute the same figures.
public struct SellerReturnShare: Sendable, Hashable {
    public var sellerID: String
    public var subOrderID: SubOrderID
    /// What the buyer gets back for the seller's units.
    public var refund: Money
    /// The platform's fee on those units, given back: the sub-order's fee in proportion to the refund.
    public var fee: Money

    public static func of(
        _ orderReturn: OrderReturn, order: Order, subOrders: [SubOrder]
    ) throws -> [SellerReturnShare] {
        var shares: [SellerReturnShare] = []
        for part in subOrders {
            let lines = orderReturn.lines.filter { part.lineIDs.contains($0.lineID) }
            guard !lines.isEmpty else { continue }
            let refund = try Money.sum(lines.map { $0.refund ?? .zero(order.currency) }, currency: order.currency)
            guard refund.isPositive else { continue }
            let fee =
                part.goods.isPositive
                ? try part.fee.scaled(by: min(refund.amount, part.goods.amount), over: part.goods.amount)
                : .zero(order.currency)
            shares.append(SellerReturnShare(sellerID: part.sellerID, subOrderID: part.id, refund: refund, fee: fee))
        }
        return shares
    }
}
