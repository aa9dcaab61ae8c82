import Promotions
import TorvCore

/// A batch of generated coupon codes, shown once right after they were created.
struct CouponBatchView {
    let batchPromotionName: String
    let batchPromotionHref: String
    let batchCSVHref: String
    let batchCount: Int
    let batchCodes: [String]
    let batchNote: String

    init(_ record: PromotionRecord, batch: CouponBatchID, codes: [String]) {
        batchPromotionName = record.promotion.name
        batchPromotionHref = "/admin/promotions/\(record.promotion.id)"
        batchCSVHref = "/admin/promotions/\(record.promotion.id)/coupons.csv?batch=\(batch.rawValue)"
        batchCount = codes.count
        batchCodes = codes
        batchNote =
            "This page is shown once. Download the CSV now to hand the codes out; they also stay in the promotion's coupon list."
    }
}
