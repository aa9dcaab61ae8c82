public import Foundation
public import Inventory
public import Ledger
public import TorvCore

/// Postings for goods moving in and out of stock, from the values at moving average cost that
/// Inventory's events carry (Inventory computed them under the valuation row's lock, so the books
/// take them as they are).
public enum StockFacts {
    /// One posting per currency the costs are in (a SKU is valued in one currency; a document with
    /// SKUs valued in two gets two entries, each balanced).
    public static func postings(
        _ costs: [StockCost]?, rule: PostingRule, key: String, date: Date, description: String,
        document: SourceDocument, sign: Int64
    ) -> [Posting] {
        let byCurrency = Dictionary(grouping: costs ?? [], by: \.value.currency)
        return byCurrency.keys.sorted { $0.code < $1.code }.compactMap { currency in
            let total = (byCurrency[currency] ?? []).map(\.value.amount).reduce(0, +) * sign
            guard total != 0 else { return nil }
            var facts = PostingFacts(currency: currency)
            facts.add(.cost, total)
            return Posting(
                rule: rule, sourceKey: byCurrency.count > 1 ? "\(key):\(currency.code)" : key, date: date,
                description: description, document: document, facts: facts)
        }
    }

    /// The rule for a manual adjustment: write-offs to their expense, customer returns back out of cost
    /// of goods, corrections (either way) against write-offs.
    public static func rule(for reason: StockAdjustmentReason) -> PostingRule {
        switch reason {
        case .writeOff: PostingRules.goodsWrittenOff
        case .customerReturn: PostingRules.goodsReturned
        case .correction: PostingRules.stockCorrected
        case .supplierReturn: PostingRules.goodsReturnedToSupplier
        }
    }

    /// Write-offs and returns to suppliers post the cost that left (positive); everything else posts
    /// the change as it is.
    public static func sign(for reason: StockAdjustmentReason) -> Int64 {
        reason == .writeOff || reason == .supplierReturn ? -1 : 1
    }
}
