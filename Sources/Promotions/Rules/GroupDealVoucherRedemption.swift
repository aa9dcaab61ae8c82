public import Foundation

/// When a merchant may redeem a group-deal voucher. Finding it by code (``GroupDealVoucherCode/normalise(_:)``
/// first, `voucher_not_found` if absent) is the store's; so is the guarded update
/// (`WHERE redeemed_at IS NULL AND expires_at > $now`) that keeps two tills from redeeming one voucher.
public enum GroupDealVoucherRedemption {
    /// The voucher as redeemed at `now`, or why not. Already redeemed is said first, even when it has since
    /// expired, because that is what the merchant needs to know.
    public static func redeem(_ voucher: GroupDealVoucher, at now: Date) throws(PromotionsError) -> GroupDealVoucher {
        guard voucher.redeemedAt == nil else { throw .voucherAlreadyRedeemed }
        guard now < voucher.expiresAt else { throw .voucherExpired }
        var redeemed = voucher
        redeemed.redeemedAt = now
        return redeemed
    }
}
