import Customers
import Foundation
import Testing
import TorvCore

@Suite("Credit policy")
struct CreditPolicyTests {
    static func company(limit: Money?, status: CompanyStatus = .active) -> Company {
        let now = Date(timeIntervalSince1970: 0)
        return Company(
            id: CompanyID.generate(), legalName: "Acme", vatID: nil, billingAddress: .fixture(), paymentTermsDays: 30,
            creditLimit: limit, priceListID: nil, status: status, createdAt: now, updatedAt: now)
    }

    @Test(
        "available credit is the limit minus what is outstanding, never below zero",
        arguments: [
            (company(limit: .eur(100_000)), Money.eur(0), Money?.some(.eur(100_000))),
            (company(limit: .eur(100_000)), .eur(30_000), .eur(70_000)),
            (company(limit: .eur(100_000)), .eur(100_000), .eur(0)),
            (company(limit: .eur(100_000)), .eur(250_000), .eur(0)),
            // A credit note (negative outstanding) frees credit beyond the limit.
            (company(limit: .eur(100_000)), .eur(-5_000), .eur(105_000)),
            (company(limit: .eur(Int64.max)), .eur(-5_000), .eur(Int64.max)),
            // No limit: unlimited, reported as nil.
            (company(limit: nil), .eur(1_000_000), nil),
            // A suspended company has no credit, limit or not.
            (company(limit: .eur(100_000), status: .suspended), .eur(0), .eur(0)),
            (company(limit: nil, status: .suspended), .eur(0), .eur(0)),
        ] as [(Company, Money, Money?)])
    func available(company: Company, outstanding: Money, expected: Money?) throws {
        #expect(try CreditPolicy.availableCredit(of: company, outstanding: outstanding) == expected)
    }

    @Test(
        "an invoice order fits when its total is within the open credit",
        arguments: [
            (Int64(70_000), true), (70_001, false), (0, true),
        ])
    func allows(total: Int64, fits: Bool) throws {
        let acme = Self.company(limit: .eur(100_000))
        #expect(try CreditPolicy.allows(orderTotal: .eur(total), company: acme, outstanding: .eur(30_000)) == fits)
    }

    @Test("amounts in another currency than the limit are an error")
    func currencyMismatch() {
        let acme = Self.company(limit: .eur(100_000))
        #expect(throws: CustomersError.creditCurrencyMismatch(outstanding: .usd, limit: .eur)) {
            try CreditPolicy.availableCredit(of: acme, outstanding: Money(minorUnits: 0, currency: .usd))
        }
        #expect(throws: CustomersError.self) {
            try CreditPolicy.allows(
                orderTotal: Money(minorUnits: 1, currency: .usd), company: acme, outstanding: .eur(0))
        }
    }
}
