import Foundation
import Promotions
import TorvCore

/// The deal most group-deal tests start from: 40 EUR once three are in, 35 EUR from five, 30 EUR at six (full).
/// It opens on `friday` and closes two days later.
enum GroupDealFixture {
    static let opensAt = friday
    static let deadline = friday.addingTimeInterval(2 * 86_400)
    static let created = friday.addingTimeInterval(-86_400)

    static func id(_ number: Int) -> GroupDealParticipantID {
        GroupDealParticipantID(uuid: UUID(uuidString: String(format: "01900000-0000-7000-8000-%012d", number))!)
    }

    static let dealID = GroupDealID(uuid: UUID(uuidString: "01900000-0000-7000-8000-000000000000")!)
}

extension NewGroupDeal {
    static func fixture(
        regular: Int64 = 5_000, tiers: [(Int, Int64)] = [(1, 4_000), (5, 3_500), (6, 3_000)], min: Int = 3,
        max: Int? = 6, maxQuantity: Int = 2, opensAt: Date = GroupDealFixture.opensAt,
        deadline: Date = GroupDealFixture.deadline, voucherValidDays: Int = 30
    ) -> NewGroupDeal {
        NewGroupDeal(
            title: "Cast-iron pan, together", productID: "prod_pan", variantID: "var_pan_28", sku: "PAN-28",
            regularPrice: eur(regular),
            tiers: tiers.map { GroupDealTier(fromParticipants: $0.0, unitPrice: eur($0.1)) }, minParticipants: min,
            maxParticipants: max, maxQuantityPerParticipant: maxQuantity, opensAt: opensAt, deadline: deadline,
            voucherValidDays: voucherValidDays)
    }
}

extension GroupDeal {
    static func fixture(_ new: NewGroupDeal = .fixture()) -> GroupDeal {
        GroupDeal(id: GroupDealFixture.dealID, new, createdAt: GroupDealFixture.created)
    }
}

extension GroupDealParticipant {
    /// Participant `number` ("customer `cus_<number>`"), joined an hour per number after the deal opened.
    static func fixture(
        _ number: Int, quantity: Int = 1, unitPrice: Int64 = 4_000, state: GroupDealParticipantState = .joined,
        capturedAmount: Int64? = nil
    ) -> GroupDealParticipant {
        GroupDealParticipant(
            id: GroupDealFixture.id(number), dealID: GroupDealFixture.dealID, customerID: "cus_\(number)",
            displayName: "P. \(number).", quantity: quantity, unitPrice: eur(unitPrice),
            authorisedAmount: eur(unitPrice * Int64(quantity)), paymentID: "pay_\(number)",
            joinedAt: GroupDealFixture.opensAt.addingTimeInterval(Double(number) * 3_600), state: state,
            capturedAmount: capturedAmount.map(eur))
    }
}
