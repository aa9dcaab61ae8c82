import Customers
import Foundation
import PropertyBased
import Testing
import TorvCore

@Suite("Approval policy")
struct ApprovalPolicyTests {
    static func member(_ role: CompanyRole, limit: Money?) -> CompanyMembership {
        CompanyMembership(
            companyID: CompanyID.generate(), customerID: Customer.id(), role: role, approvalLimit: limit,
            companyStatus: .active, addedAt: Date(timeIntervalSince1970: 0))
    }

    static let overLimit = ApprovalDecision.required(.exceedsApprovalLimit(limit: .eur(50_000)))

    @Test(
        "who needs approval for which total",
        arguments: [
            // A consumer (no company) never needs approval.
            (nil, Money.eur(10_000_000), ApprovalDecision.notRequired),
            // A buyer without a limit needs none.
            (member(.buyer, limit: nil), .eur(10_000_000), .notRequired),
            // A buyer within or exactly at the limit needs none; one cent above does.
            (member(.buyer, limit: .eur(50_000)), .eur(49_999), .notRequired),
            (member(.buyer, limit: .eur(50_000)), .eur(50_000), .notRequired),
            (member(.buyer, limit: .eur(50_000)), .eur(50_001), overLimit),
            (member(.buyer, limit: .eur(50_000)), .eur(Int64.max), overLimit),
            // A zero limit sends every order that costs anything to an approver.
            (member(.buyer, limit: .eur(0)), .eur(0), .notRequired),
            (member(.buyer, limit: .eur(0)), .eur(1), .required(.exceedsApprovalLimit(limit: .eur(0)))),
            // Approvers and admins never need approval, whatever the total.
            (member(.approver, limit: nil), .eur(10_000_000), .notRequired),
            (member(.admin, limit: nil), .eur(Int64.max), .notRequired),
        ] as [(CompanyMembership?, Money, ApprovalDecision)])
    func decisions(membership: CompanyMembership?, total: Money, expected: ApprovalDecision) throws {
        #expect(try ApprovalPolicy.decide(orderTotal: total, membership: membership) == expected)
    }

    @Test("a total in another currency than the buyer's limit is an error, not a guess")
    func currencyMismatch() {
        #expect(throws: CustomersError.approvalCurrencyMismatch(order: .usd, limit: .eur)) {
            try ApprovalPolicy.decide(
                orderTotal: Money(minorUnits: 1, currency: .usd), membership: Self.member(.buyer, limit: .eur(100)))
        }
    }

    @Test("a buyer needs approval exactly when the total is above the limit")
    func thresholdProperty() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...10_000_000), Gen.int64(in: -10...20_000_000)) {
            limit, total in
            let decision = try ApprovalPolicy.decide(
                orderTotal: .eur(total), membership: Self.member(.buyer, limit: .eur(limit)))
            #expect((decision != .notRequired) == (total > limit))
        }
    }
}
