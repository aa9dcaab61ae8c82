import Foundation
import Sellers
import Testing
import TorvCore

@Suite struct SellerBalanceTests {
    typealias Movement = SellerMovement

    func balance(_ movements: [Movement], at now: Date = noon) throws -> SellerBalance {
        try SellerBalance.of(movements, currency: .eur, at: now)
    }

    @Test("a sale waits for its holdback, while its fee counts at once")
    func holdback() throws {
        let movements = [Movement.fixture(.sale, 10_000, availableIn: 7), .fixture(.fee, -1_000)]
        #expect(
            try balance(movements) == SellerBalance(total: eur(9_000), pending: eur(10_000), available: eur(-1_000)))
        #expect(
            try balance(movements, at: noon.addingTimeInterval(7 * day))
                == SellerBalance(total: eur(9_000), pending: eur(0), available: eur(9_000)))
        #expect(
            try balance(movements, at: noon.addingTimeInterval(7 * day - 1))
                == SellerBalance(total: eur(9_000), pending: eur(10_000), available: eur(-1_000)))
    }

    @Test("debits count at once, even dated later; credits only from their date, adjustments by their sign")
    func debitsAndCredits() throws {
        let movements = [
            Movement.fixture(.sale, 5_000, availableIn: -1),
            .fixture(.refund, -2_000, availableIn: 3),
            .fixture(.feeRefund, 200, availableIn: 2),
            .fixture(.adjustment, 300, availableIn: 1),
            .fixture(.adjustment, -100, availableIn: 5),
            .fixture(.chargeback, -400),
        ]
        #expect(try balance(movements) == SellerBalance(total: eur(3_000), pending: eur(500), available: eur(2_500)))
    }

    @Test("a refund after the payout leaves a negative balance to carry")
    func refundAfterPayout() throws {
        let movements = [
            Movement.fixture(.sale, 10_000, availableIn: -10),
            .fixture(.payout, -10_000, availableIn: -2),
            .fixture(.refund, -3_000),
            .fixture(.feeRefund, 300, availableIn: 7),
        ]
        let balance = try balance(movements)
        #expect(balance == SellerBalance(total: eur(-2_700), pending: eur(300), available: eur(-3_000)))
        #expect(PayoutPolicy.decide(balance, minimum: eur(2_500)).amount == nil)
    }

    @Test("no movements is a zero balance in the account's currency")
    func empty() throws {
        #expect(
            try SellerBalance.of([], currency: .sek, at: noon)
                == SellerBalance(total: .zero(.sek), pending: .zero(.sek), available: .zero(.sek)))
    }

    @Test("a movement in another currency, or sums beyond 64 bits, are refused")
    func refusals() {
        let dollars = SellerMovement(id: "mov_2", kind: .sale, amount: usd(100), availableAt: noon, reference: "ord_2")
        #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) { try balance([.fixture(.sale, 100), dollars]) }
        #expect(throws: MoneyError.overflow) {
            try balance([.fixture(.sale, .max), .fixture(.adjustment, 1)])
        }
    }
}

@Suite struct PayoutPolicyTests {
    static func available(_ minorUnits: Int64) -> SellerBalance {
        SellerBalance(total: eur(minorUnits + 500), pending: eur(500), available: eur(minorUnits))
    }

    @Test(
        "the available balance is paid once it reaches the minimum, otherwise carried with the reason",
        arguments: [
            (12_000, 2_500, 12_000, "pays the available 120.00 EUR"),
            (2_500, 2_500, 2_500, "pays the available 25.00 EUR"),
            (2_499, 2_500, nil, "carried: 24.99 EUR available is below the 25.00 EUR minimum"),
            (0, 2_500, nil, "carried: nothing available"),
            (-500, 2_500, nil, "carried: -5.00 EUR available is negative; new sales cover it first"),
            (1, 0, 1, "pays the available 0.01 EUR"),
            (0, -100, nil, "carried: nothing available"),
            (-1, -100, nil, "carried: -0.01 EUR available is negative; new sales cover it first"),
        ] as [(Int64, Int64, Int64?, String)]
    )
    func decide(available: Int64, minimum: Int64, paid: Int64?, reason: String) {
        let decision = PayoutPolicy.decide(Self.available(available), minimum: eur(minimum))
        #expect(decision == PayoutDecision(amount: paid.map(eur), reason: reason))
    }

    @Test("a minimum in another currency pays nothing")
    func currencyMismatch() {
        let decision = PayoutPolicy.decide(Self.available(10_000), minimum: usd(100))
        #expect(decision == PayoutDecision(amount: nil, reason: "not paid: the balance is in EUR, the minimum in USD"))
    }

    @Test(
        "each kind of movement has its sign; zero is never recorded",
        arguments: [
            (.sale, true, false, false),
            (.feeRefund, true, false, false),
            (.fee, false, false, true),
            (.refund, false, false, true),
            (.chargeback, false, false, true),
            (.payout, false, false, true),
            (.adjustment, true, false, true),
        ] as [(SellerMovementKind, Bool, Bool, Bool)]
    )
    func signs(kind: SellerMovementKind, positive: Bool, zero: Bool, negative: Bool) {
        #expect(PayoutPolicy.isValidSign(kind, amount: eur(1)) == positive)
        #expect(PayoutPolicy.isValidSign(kind, amount: eur(0)) == zero)
        #expect(PayoutPolicy.isValidSign(kind, amount: eur(-1)) == negative)
    }

    @Test("every kind is covered by the sign table, and fee_refund keeps its snake_case wire name")
    func kinds() throws {
        #expect(SellerMovementKind.allCases.count == 7)
        #expect(SellerMovementKind.feeRefund.rawValue == "fee_refund")
        let movement = SellerMovement.fixture(.feeRefund, 200)
        let decoded = try JSONDecoder().decode(SellerMovement.self, from: JSONEncoder().encode(movement))
        #expect(decoded == movement)
    }
}
