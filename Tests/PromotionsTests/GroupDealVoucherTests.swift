import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealVoucherTests {
    @Test("codes are three groups of four unambiguous characters, and the generator decides which")
    func generate() {
        var random = SeededRandom(seed: 7)
        var again = SeededRandom(seed: 7)
        let codes = (0..<500).map { _ in GroupDealVoucherCode.generate(using: &random) }
        #expect(codes == (0..<500).map { _ in GroupDealVoucherCode.generate(using: &again) })
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.wholeMatch(of: /[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}-[A-HJKMNP-TV-Z2-9]{4}/) != nil)
            #expect(GroupDealVoucherCode.normalise(code) == code)
        }
    }

    @Test(
        "what a merchant types is read regardless of case, spaces and dashes",
        arguments: [
            ("k7qm-2xhp-9crt", "K7QM-2XHP-9CRT"), (" K7QM 2XHP 9CRT ", "K7QM-2XHP-9CRT"),
            ("K7QM2XHP9CRT", "K7QM-2XHP-9CRT"),
            ("K7QM-2XHP-9CR", nil), ("K7QM-2XHP-9CRTA", nil), ("K7QM-2XHP-9CR0", nil), ("K7QM-2XHP-9CRI", nil),
            ("", nil),
        ] as [(String, String?)])
    func normalise(typed: String, code: String?) {
        #expect(GroupDealVoucherCode.normalise(typed) == code)
    }

    static let voucher = GroupDealVoucher(
        code: "K7QM-2XHP-9CRT", dealID: GroupDealFixture.dealID, participantID: GroupDealFixture.id(1),
        issuedAt: GroupDealFixture.deadline,
        expiresAt: GroupDeal.fixture().voucherExpiry(issuedAt: GroupDealFixture.deadline))

    @Test("a voucher is redeemed once, before it expires")
    func redeem() throws {
        #expect(Self.voucher.expiresAt == GroupDealFixture.deadline.addingTimeInterval(30 * 86_400))
        let now = GroupDealFixture.deadline.addingTimeInterval(86_400)
        let redeemed = try GroupDealVoucherRedemption.redeem(Self.voucher, at: now)
        #expect(redeemed.redeemedAt == now)
        #expect(throws: PromotionsError.voucherAlreadyRedeemed) {
            try GroupDealVoucherRedemption.redeem(redeemed, at: now)
        }
        #expect(throws: PromotionsError.voucherExpired) {
            try GroupDealVoucherRedemption.redeem(Self.voucher, at: Self.voucher.expiresAt)
        }
        #expect(throws: PromotionsError.voucherAlreadyRedeemed) {
            try GroupDealVoucherRedemption.redeem(redeemed, at: Self.voucher.expiresAt.addingTimeInterval(1))
        }
    }
}
