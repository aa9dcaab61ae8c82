import Sellers
import Testing
import TorvCore

@Suite struct CommissionScheduleTests {
    static let schedule: [CommissionRule] = [
        CommissionRule(id: "com_all", percentBasisPoints: 1_000),
        CommissionRule(id: "com_books", categoryID: "cat_books", percentBasisPoints: 1_200),
        CommissionRule(id: "com_crime", categoryID: "cat_crime", percentBasisPoints: 1_500),
        CommissionRule(id: "com_pro", plan: "pro", percentBasisPoints: 800),
        CommissionRule(id: "com_books_pro", categoryID: "cat_books", plan: "pro", percentBasisPoints: 1_100),
        CommissionRule(id: "com_seller_b", sellerID: "sel_b", percentBasisPoints: 500),
        CommissionRule(id: "com_seller_b_media", sellerID: "sel_b", categoryID: "cat_media", percentBasisPoints: 400),
        CommissionRule(id: "com_seller_x", sellerID: "sel_x", percentBasisPoints: 100),
    ]

    static let crime = ["cat_crime", "cat_books", "cat_media"]
    static let books = ["cat_books", "cat_media"]

    @Test(
        "the most specific matching rule wins: seller, then nearer category, then plan",
        arguments: [
            ("sel_a", "standard", crime, "com_crime"),  // the nearest category
            ("sel_a", "standard", books, "com_books"),
            ("sel_a", "pro", books, "com_books_pro"),  // same category, plan breaks the tie
            ("sel_a", "pro", crime, "com_crime"),  // a nearer category beats a plan
            ("sel_a", "pro", ["cat_toys"], "com_pro"),  // a plan beats nothing
            ("sel_a", "standard", ["cat_toys"], "com_all"),
            ("sel_a", "standard", [], "com_all"),
            ("sel_b", "standard", crime, "com_seller_b_media"),  // the seller's rule, even for a far category
            ("sel_b", "pro", ["cat_toys"], "com_seller_b"),  // the seller beats category and plan rules
        ] as [(String, String, [String], String)]
    )
    func precedence(seller: String, plan: String, path: [String], expected: String) throws {
        let line = CommissionLine.fixture(seller: seller, plan: plan, path: path)
        let quote = try CommissionSchedule.quote(line, rules: Self.schedule)
        #expect(quote.ruleID == expected)
        #expect(CommissionSchedule.mostSpecificRule(for: line, in: Self.schedule.reversed())?.id == expected)
    }

    @Test("with no matching rule the fee is zero and the explanation says so")
    func noMatch() throws {
        let rules = [CommissionRule(id: "com_toys", categoryID: "cat_toys", percentBasisPoints: 1_000)]
        let quote = try CommissionSchedule.quote(.fixture(), rules: rules)
        #expect(
            quote
                == CommissionQuote(
                    fee: eur(0), ruleID: nil,
                    explanation: "no commission rule applies to seller sel_a, plan standard, category cat_crime"))
    }

    @Test(
        "the percentage is rounded once per line, half to even",
        arguments: [
            (1_250, 100, 1, 12),  // 12.5 → 12
            (1_250, 140, 1, 18),  // 17.5 → 18
            (1_250, 101, 1, 13),  // 12.625 → 13
            (1_000, 5, 1, 0),  // 0.5 → 0
            (1_000, 15, 1, 2),  // 1.5 → 2
            (333, 1_000, 1, 33),  // 33.3 → 33
            (1_250, 4, 3, 2),  // 1.5 on the line → 2, where per unit 0.5 → 0 three times would be 0
            (10_000, 1_999, 2, 3_998),
            (0, 1_999, 2, 0),
        ] as [(Int, Int64, Int, Int64)]
    )
    func rounding(basisPoints: Int, price: Int64, quantity: Int, fee: Int64) throws {
        let rules = [CommissionRule(id: "com_1", percentBasisPoints: basisPoints)]
        let quote = try CommissionSchedule.quote(.fixture(price: eur(price), quantity: quantity), rules: rules)
        #expect(quote.fee == eur(fee))
    }

    @Test(
        "the fixed part is per unit, the minimum raises the fee, and the line amount caps it",
        arguments: [
            (1_000, nil, 50, 300, 1, 50),  // raised to the minimum
            (1_000, nil, 50, 900, 1, 90),  // the minimum does not bind
            (1_000, nil, 50, 30, 1, 30),  // the minimum, but never more than the sale
            (0, 30, nil, 20, 2, 40),  // 0.30 × 2 capped at the 0.40 line
            (10_000, 10, nil, 500, 1, 500),  // 100 % + 0.10 capped at the line
            (1_000, 30, 100, 1_999, 0, 0),  // nothing sold, nothing owed
            (1_250, 30, 100, 1_999, 2, 560),  // 5.00 + 0.60
        ] as [(Int, Int64?, Int64?, Int64, Int, Int64)]
    )
    func fixedMinimumAndCap(
        basisPoints: Int, fixed: Int64?, minimum: Int64?, price: Int64, quantity: Int, fee: Int64
    )
        throws
    {
        let rules = [
            CommissionRule(
                id: "com_1", percentBasisPoints: basisPoints, fixedPerItem: fixed.map(eur),
                minimumPerLine: minimum.map(eur))
        ]
        let quote = try CommissionSchedule.quote(.fixture(price: eur(price), quantity: quantity), rules: rules)
        #expect(quote.fee == eur(fee))
    }

    @Test("the explanation shows the calculation and the rule's scope")
    func explanation() throws {
        let rule = CommissionRule(
            id: "com_1", categoryID: "cat_books", plan: "pro", percentBasisPoints: 1_250, fixedPerItem: eur(30),
            minimumPerLine: eur(100))
        let quote = try CommissionSchedule.quote(.fixture(plan: "pro"), rules: [rule])
        #expect(
            quote.explanation
                == "12.5 % of 39.98 EUR + 0.30 EUR × 2, at least 1.00 EUR = 5.60 EUR (rule com_1: category cat_books, plan pro)"
        )

        let capped = CommissionRule(id: "com_2", percentBasisPoints: 0, fixedPerItem: eur(30))
        let cappedQuote = try CommissionSchedule.quote(.fixture(price: eur(20)), rules: [capped])
        #expect(
            cappedQuote.explanation == "0.30 EUR × 2, at most the line's 0.40 EUR = 0.40 EUR (rule com_2: every sale)")

        let seller = CommissionRule(id: "com_3", sellerID: "sel_a", percentBasisPoints: 5)
        #expect(
            try CommissionSchedule.quote(.fixture(), rules: [seller]).explanation
                == "0.05 % of 39.98 EUR = 0.02 EUR (rule com_3: seller sel_a)")
    }

    @Test("a rule with money in another currency does not match; a percentage-only rule fits any currency")
    func currencies() throws {
        let rules = [
            CommissionRule(id: "com_all", percentBasisPoints: 1_000),
            CommissionRule(id: "com_crime_usd", categoryID: "cat_crime", percentBasisPoints: 0, fixedPerItem: usd(50)),
            CommissionRule(
                id: "com_books_min_usd", categoryID: "cat_books", percentBasisPoints: 0, minimumPerLine: usd(1)),
        ]
        let euros = try CommissionSchedule.quote(.fixture(price: eur(1_000), quantity: 1), rules: rules)
        #expect(euros.ruleID == "com_all" && euros.fee == eur(100))

        let dollars = try CommissionSchedule.quote(.fixture(price: usd(1_000), quantity: 1), rules: rules)
        #expect(dollars.ruleID == "com_crime_usd" && dollars.fee == usd(50))
    }

    @Test("equally specific rules in an unvalidated schedule fall back to the smaller ID, whatever the order")
    func tieBreak() throws {
        let rules = [
            CommissionRule(id: "com_b", percentBasisPoints: 1_000),
            CommissionRule(id: "com_a", percentBasisPoints: 2_000),
        ]
        #expect(try CommissionSchedule.quote(.fixture(), rules: rules).ruleID == "com_a")
        #expect(try CommissionSchedule.quote(.fixture(), rules: rules.reversed()).ruleID == "com_a")
    }

    @Test("a rule outside the valid range still never produces a negative fee")
    func unvalidatedRules() throws {
        let negative = CommissionRule(id: "com_1", percentBasisPoints: -500, minimumPerLine: eur(-100))
        #expect(try CommissionSchedule.quote(.fixture(), rules: [negative]).fee == eur(0))
        let huge = CommissionRule(id: "com_2", percentBasisPoints: 50_000)
        #expect(try CommissionSchedule.quote(.fixture(), rules: [huge]).fee == eur(3_998))
    }

    @Test("a negative quantity or price, or a line beyond 64 bits, is refused")
    func refusals() {
        let rules = [CommissionRule(id: "com_1", percentBasisPoints: 1_000)]
        #expect(throws: MoneyError.invalidAmount("the quantity must not be negative")) {
            try CommissionSchedule.quote(.fixture(quantity: -1), rules: rules)
        }
        #expect(throws: MoneyError.invalidAmount("the unit price must not be negative")) {
            try CommissionSchedule.quote(.fixture(price: eur(-1)), rules: rules)
        }
        #expect(throws: MoneyError.overflow) {
            try CommissionSchedule.quote(.fixture(price: eur(.max), quantity: 2), rules: rules)
        }
    }

    @Test("specificity orders seller over category over plan, and nearer categories first")
    func specificityOrder() {
        typealias S = CommissionSpecificity
        let ascending = [
            S(seller: false, categoryDistance: nil, plan: false),
            S(seller: false, categoryDistance: nil, plan: true),
            S(seller: false, categoryDistance: 2, plan: false),
            S(seller: false, categoryDistance: 2, plan: true),
            S(seller: false, categoryDistance: 0, plan: false),
            S(seller: false, categoryDistance: 0, plan: true),
            S(seller: true, categoryDistance: nil, plan: false),
            S(seller: true, categoryDistance: 1, plan: false),
            S(seller: true, categoryDistance: 0, plan: true),
        ]
        #expect(ascending.shuffled().sorted() == ascending)
        for (index, lower) in ascending.enumerated() {
            for higher in ascending[(index + 1)...] {
                #expect(lower < higher && !(higher < lower))
            }
        }
    }
}
