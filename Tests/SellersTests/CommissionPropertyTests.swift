import PropertyBased
import Sellers
import Testing
import TorvCore

/// The schedule's promises for any line and any rules, valid or not.
@Suite struct CommissionPropertyTests {
    static let paths = [["cat_crime", "cat_books", "cat_media"], ["cat_books", "cat_media"], ["cat_toys"], []]
    static let categories = ["cat_crime", "cat_books", "cat_media", "cat_toys"]
    static let plans = ["standard", "pro"]

    /// Price, quantity, seller, plan and category path of a line.
    static let lines = zip(
        Gen.int64(in: 0...200_000), Gen.int(in: 0...20), Gen.int(in: 0...3), Gen.int(in: 0...1), Gen.int(in: 0...3)
    )
    .map { price, quantity, seller, plan, path in
        CommissionLine(
            sellerID: "sel_\(seller)", sellerPlan: plans[plan], categoryPath: paths[path], unitPrice: eur(price),
            quantity: quantity)
    }

    static let ruleSeeds = Gen.int(in: 0...Int(Int32.max)).array(of: 0...10)

    /// Rules from seeds, so a shrunk seed list names the same rules. Some have money in dollars, some rates
    /// or amounts out of range, and scopes may repeat: the promises hold for unvalidated schedules too.
    static func rules(_ seeds: [Int]) -> [CommissionRule] {
        seeds.enumerated().map { index, seed in
            var random = SeededRandom(seed: seed)
            func money(_ range: ClosedRange<Int>) -> Money? {
                guard random.bool() else { return nil }
                let amount = Int64(random.int(in: range))
                return random.int(in: 0...9) == 0 ? usd(amount) : eur(amount)
            }
            return CommissionRule(
                id: "com_\(index)",
                sellerID: random.bool() ? nil : "sel_\(random.int(in: 0...2))",
                categoryID: random.bool() ? nil : categories[random.int(in: 0...3)],
                plan: random.bool() ? nil : plans[random.int(in: 0...1)],
                percentBasisPoints: random.int(in: -100...12_000),
                fixedPerItem: money(-50...500),
                minimumPerLine: money(-50...2_000))
        }
    }

    @Test("the fee is never negative and never more than the line amount")
    func feeWithinSale() async throws {
        await propertyCheck(count: 500, input: Self.lines, Self.ruleSeeds) { line, seeds in
            let quote = try CommissionSchedule.quote(line, rules: Self.rules(seeds))
            let lineAmount = line.unitPrice.amount * Int64(line.quantity)
            #expect(quote.fee.currency == .eur)
            #expect(quote.fee.amount >= 0)
            #expect(quote.fee.amount <= lineAmount)
            #expect(quote.ruleID != nil || quote.fee.isZero)
        }
    }

    @Test("the chosen rule matches and is at least as specific as every other matching rule")
    func mostSpecific() async throws {
        await propertyCheck(count: 500, input: Self.lines, Self.ruleSeeds) { line, seeds in
            let rules = Self.rules(seeds)
            let quote = try CommissionSchedule.quote(line, rules: rules)
            let matching = rules.filter { CommissionSchedule.specificity(of: $0, for: line) != nil }
            guard let ruleID = quote.ruleID else {
                #expect(matching.isEmpty)
                return
            }
            let chosen = try #require(rules.first { $0.id == ruleID })
            let chosenSpecificity = try #require(CommissionSchedule.specificity(of: chosen, for: line))
            for rule in matching {
                let specificity = try #require(CommissionSchedule.specificity(of: rule, for: line))
                #expect(specificity <= chosenSpecificity, "\(rule.id) is more specific than \(ruleID)")
                // Validation forbids equal scopes, and equal specificity for one line means equal scope.
                if rule.id != ruleID && specificity == chosenSpecificity {
                    #expect(CommissionSchedule.validate(rules).contains { $0.code == "duplicate_scope" })
                }
            }
        }
    }

    @Test("the choice does not depend on the order of the rules")
    func orderIndependent() async throws {
        await propertyCheck(count: 300, input: Self.lines, Self.ruleSeeds, Gen.int(in: 0...1_000)) {
            line, seeds, seed in
            let rules = Self.rules(seeds)
            var random = SeededRandom(seed: seed)
            let shuffled = rules.shuffled(using: &random)
            let quote = try CommissionSchedule.quote(line, rules: rules)
            #expect(try CommissionSchedule.quote(line, rules: shuffled) == quote)
        }
    }
}
