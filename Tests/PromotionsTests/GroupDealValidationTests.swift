import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct GroupDealValidationTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var deal: NewGroupDeal
        var errors: [FieldError]
        var testDescription: String { name }
    }

    static let now = GroupDealFixture.created

    static func error(_ pointer: String, _ problem: PromotionsError) -> FieldError {
        FieldError(pointer: pointer, message: problem.message, code: problem.code)
    }

    static func with(_ change: (inout NewGroupDeal) -> Void) -> NewGroupDeal {
        var deal = NewGroupDeal.fixture()
        change(&deal)
        return deal
    }

    static let examples: [Example] = [
        Example(name: "the fixture is valid", deal: .fixture(), errors: []),
        Example(name: "one tier and no maximum is valid", deal: .fixture(tiers: [(3, 4_000)], max: nil), errors: []),
        Example(
            name: "a blank title and missing catalogue references",
            deal: with {
                $0.title = "  "
                $0.productID = ""
                $0.variantID = " "
                $0.sku = ""
            },
            errors: [
                error("/title", .invalidTitle), error("/product_id", .catalogReferenceRequired),
                error("/variant_id", .catalogReferenceRequired), error("/sku", .catalogReferenceRequired),
            ]),
        Example(
            name: "a free regular price", deal: .fixture(regular: 0, tiers: [(1, 0)]),
            errors: [
                error("/regular_price", .amountMustBePositive), error("/tiers/0/unit_price", .amountMustBePositive),
            ]
        ),
        Example(name: "no tiers", deal: .fixture(tiers: []), errors: [error("/tiers", .tiersRequired)]),
        Example(
            name: "a tier above the regular price", deal: .fixture(tiers: [(1, 5_001)]),
            errors: [error("/tiers/0/unit_price", .tierAboveRegularPrice)]),
        Example(
            name: "a tier in another currency",
            deal: with { $0.tiers[1].unitPrice = Money(minorUnits: 3_500, currency: .usd) },
            errors: [error("/tiers/1/unit_price", .mixedCurrencies)]),
        Example(
            name: "tiers whose price does not fall", deal: .fixture(tiers: [(1, 4_000), (5, 4_000), (6, 4_500)]),
            errors: [
                error("/tiers/1/unit_price", .tierPriceNotDescending),
                error("/tiers/2/unit_price", .tierPriceNotDescending),
            ]),
        Example(
            name: "tiers out of order", deal: .fixture(tiers: [(1, 4_000), (6, 3_500), (5, 3_000)]),
            errors: [error("/tiers/2/from_participants", .tiersNotAscending)]),
        Example(
            name: "a first tier after the tipping point", deal: .fixture(tiers: [(4, 4_000)]),
            errors: [error("/tiers/0/from_participants", .invalidFirstTier)]),
        Example(
            name: "a first tier from zero participants", deal: .fixture(tiers: [(0, 4_000)]),
            errors: [error("/tiers/0/from_participants", .invalidFirstTier)]),
        Example(
            name: "a later tier at the tipping point could never be the final price",
            deal: .fixture(tiers: [(1, 4_000), (3, 3_500)]),
            errors: [error("/tiers/1/from_participants", .tierBelowMinimum)]),
        Example(
            name: "a tier beyond the maximum", deal: .fixture(tiers: [(1, 4_000), (7, 3_500)]),
            errors: [error("/tiers/1/from_participants", .tierBeyondMaximum)]),
        Example(
            name: "one participant is not a group", deal: .fixture(tiers: [(1, 4_000)], min: 1, max: nil),
            errors: [error("/min_participants", .invalidMinParticipants)]),
        Example(
            name: "a maximum below the minimum", deal: .fixture(tiers: [(1, 4_000)], min: 3, max: 2),
            errors: [error("/max_participants", .maxBelowMin)]),
        Example(
            name: "no units per participant", deal: .fixture(maxQuantity: 0),
            errors: [error("/max_quantity_per_participant", .invalidMaxQuantity)]),
        Example(
            name: "a deadline before the opening and in the past",
            deal: .fixture(opensAt: friday, deadline: now.addingTimeInterval(-1)),
            errors: [error("/deadline", .emptyWindow), error("/deadline", .expiryInPast)]),
        Example(
            name: "a deadline right now", deal: .fixture(opensAt: now.addingTimeInterval(-60), deadline: now),
            errors: [error("/deadline", .expiryInPast)]),
        Example(
            name: "vouchers that are never valid", deal: .fixture(voucherValidDays: 0),
            errors: [error("/voucher_valid_days", .invalidVoucherValidity)]),
    ]

    @Test("every problem of a deal is reported at its JSON pointer", arguments: examples)
    func validation(example: Example) {
        #expect(GroupDealRules.validate(example.deal, now: Self.now) == example.errors)
    }

    @Test("requireValid throws every problem together and accepts a valid deal")
    func requireValid() throws {
        try GroupDealRules.requireValid(.fixture(), now: Self.now)
        let broken = Self.with {
            $0.title = ""
            $0.minParticipants = 1
        }
        let error = #expect(throws: ValidationError.self) { try GroupDealRules.requireValid(broken, now: Self.now) }
        #expect(error?.fieldErrors.map(\.pointer) == ["/title", "/min_participants"])
    }
}

@Suite struct GroupDealModelTests {
    @Test("deal and participant IDs carry their own prefixes")
    func prefixes() throws {
        #expect(GroupDealPrefix.isValidPrefix && GroupDealParticipantPrefix.isValidPrefix)
        #expect(GroupDealFixture.dealID.rawValue.hasPrefix("gdeal_"))
        #expect(throws: IDError.self) { try GroupDealID(parsing: GroupDealFixture.id(1).rawValue) }
    }

    @Test("a deal and its participants round-trip through JSON")
    func codable() throws {
        var deal = GroupDeal.fixture()
        deal.tippedAt = friday
        let participant = GroupDealParticipant.fixture(1, state: .captured, capturedAmount: 4_000)
        let decoder = JSONDecoder()
        #expect(try decoder.decode(GroupDeal.self, from: JSONEncoder().encode(deal)) == deal)
        #expect(try decoder.decode(GroupDealParticipant.self, from: JSONEncoder().encode(participant)) == participant)
    }
}
