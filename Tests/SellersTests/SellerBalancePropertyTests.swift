import Foundation
import PropertyBased
import Sellers
import Testing
import TorvCore

/// A seller's account over random lives: sales with holdbacks, fees, refunds, chargebacks, adjustments and
/// payout runs at random moments, each payout recorded exactly as the policy decided it.
@Suite struct SellerBalancePropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))
    static let steps = Gen.int(in: 0...80)
    static let minimums = Gen.int64(in: 0...5_000)

    @Test("available + pending is always the total, whatever the moment and the order of the movements")
    func partsAddUp() async throws {
        await propertyCheck(count: 300, input: Self.seeds, Self.steps, Self.minimums) { seed, steps, minimum in
            var account = SellerAccountRun(seed: seed, minimum: eur(minimum))
            account.live(steps: steps)
            for offset in stride(from: -2.0, through: 20, by: 1.5) {
                let at = account.now.addingTimeInterval(offset * day)
                let balance = try SellerBalance.of(account.movements, currency: .eur, at: at)
                #expect(try balance.available.adding(balance.pending) == balance.total)
                #expect(!balance.pending.isNegative)
                var random = SeededRandom(seed: seed)
                let shuffled = account.movements.shuffled(using: &random)
                #expect(try SellerBalance.of(shuffled, currency: .eur, at: at) == balance)
            }
            #expect(account.issues == [])
        }
    }

    @Test("a payout never makes the available balance negative, and nothing is paid twice")
    func payoutsNeverExceedWhatWasEarned() async throws {
        await propertyCheck(count: 300, input: Self.seeds, Self.steps, Self.minimums) { seed, steps, minimum in
            var account = SellerAccountRun(seed: seed, minimum: eur(minimum))
            account.live(steps: steps)
            #expect(account.issues == [])
            for movement in account.movements {
                #expect(PayoutPolicy.isValidSign(movement.kind, amount: movement.amount))
            }
            // Everything paid out is covered by credits that had become available by the last payout, minus
            // every debit recorded by then: no credit was paid twice and none before its holdback ended.
            guard let lastPayout = account.movements.last(where: { $0.kind == .payout }) else { return }
            let upToLastPayout = account.movements.prefix { $0.id != lastPayout.id } + [lastPayout]
            let paid = upToLastPayout.filter { $0.kind == .payout }.map { -$0.amount.amount }.reduce(0, +)
            let earned = upToLastPayout.filter { $0.kind != .payout }
                .filter { !$0.isCredit || $0.availableAt <= lastPayout.availableAt }
                .map(\.amount.amount).reduce(0, +)
            #expect(paid <= earned)
        }
    }

    @Test("the random lives reach every case the properties are about")
    func coverage() throws {
        var seen: Set<String> = []
        for seed in 0..<300 {
            var account = SellerAccountRun(seed: seed, minimum: eur(Int64(seed % 4) * 1_000))
            account.live(steps: 60)
            seen.formUnion(account.reached)
        }
        #expect(seen == ["paid", "carried below the minimum", "carried negative", "carried nothing"], "\(seen)")
    }
}

/// One seller's account as the order, refund and payout flows would record it.
struct SellerAccountRun {
    var now = noon
    var movements: [SellerMovement] = []
    var minimum: Money
    var random: SeededRandom
    var issues: [String] = []
    /// Which payout outcomes happened, for the coverage test.
    var reached: Set<String> = []

    init(seed: Int, minimum: Money) {
        self.random = SeededRandom(seed: seed)
        self.minimum = minimum
    }

    mutating func live(steps: Int) {
        for _ in 0..<steps {
            now = now.addingTimeInterval(Double(random.int(in: 0...36)) * 3_600)
            switch random.int(in: 0...9) {
            case 0...2:
                let amount = Int64(random.int(in: 1...20_000))
                record(.sale, amount, holdbackDays: random.int(in: 0...14))
                record(.fee, -max(1, amount / 10), holdbackDays: random.int(in: 0...1))
            case 3: record(.refund, -Int64(random.int(in: 1...8_000)), holdbackDays: random.int(in: 0...1))
            case 4: record(.feeRefund, Int64(random.int(in: 1...800)), holdbackDays: random.int(in: 0...14))
            // Debits dated a little later still count at once.
            case 5: record(.chargeback, -Int64(random.int(in: 1...5_000)), holdbackDays: random.int(in: 0...1))
            case 6: record(.adjustment, Int64(random.int(in: -2_000...2_000)) | 1, holdbackDays: random.int(in: 0...3))
            default: payoutRun()
            }
        }
    }

    mutating func record(_ kind: SellerMovementKind, _ minorUnits: Int64, holdbackDays: Int) {
        movements.append(
            SellerMovement(
                id: "mov_\(movements.count + 1)", kind: kind, amount: eur(minorUnits),
                availableAt: now.addingTimeInterval(Double(holdbackDays) * day), reference: "ord_\(movements.count)"))
    }

    mutating func payoutRun() {
        do {
            let before = try SellerBalance.of(movements, currency: .eur, at: now)
            let decision = PayoutPolicy.decide(before, minimum: minimum)
            guard let amount = decision.amount else {
                if before.available.isNegative {
                    reached.insert("carried negative")
                } else if before.available.isZero {
                    reached.insert("carried nothing")
                } else {
                    reached.insert("carried below the minimum")
                }
                return
            }
            reached.insert("paid")
            if !amount.isPositive || amount.amount > before.available.amount {
                issues.append("paid \(amount) of \(before.available)")
            }
            record(.payout, -amount.amount, holdbackDays: 0)
            let after = try SellerBalance.of(movements, currency: .eur, at: now)
            if after.available.isNegative { issues.append("a payout left \(after.available) available") }
            if after.pending != before.pending { issues.append("a payout changed what is pending") }
        } catch {
            issues.append("the balance threw \(error)")
        }
    }
}
