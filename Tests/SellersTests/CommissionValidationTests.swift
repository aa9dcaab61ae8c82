import Sellers
import Testing
import TorvCore

@Suite struct CommissionValidationTests {
    @Test("a sensible schedule is valid")
    func valid() throws {
        let rules = [
            CommissionRule(id: "com_all", percentBasisPoints: 1_000, fixedPerItem: eur(30)),
            CommissionRule(id: "com_books", categoryID: "cat_books", percentBasisPoints: 0, minimumPerLine: eur(0)),
            CommissionRule(id: "com_pro", plan: "pro", percentBasisPoints: 10_000),
            CommissionRule(id: "com_b", sellerID: "sel_b", categoryID: "cat_books", plan: "pro", percentBasisPoints: 1),
        ]
        #expect(CommissionSchedule.validate(rules) == [])
        try CommissionSchedule.requireValid(rules)
        #expect(CommissionSchedule.validate([]) == [])
    }

    @Test(
        "each broken field is reported at its JSON pointer with a stable code",
        arguments: [
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: 10_001), "/rules/1/percent_basis_points",
                "invalid_percent"
            ),
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: -1), "/rules/1/percent_basis_points",
                "invalid_percent"
            ),
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: 1, fixedPerItem: eur(-1)),
                "/rules/1/fixed_per_item", "negative_amount"
            ),
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: 1, minimumPerLine: eur(-5)),
                "/rules/1/minimum_per_line", "negative_amount"
            ),
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: 1, fixedPerItem: usd(5)),
                "/rules/1/fixed_per_item", "mixed_currencies"
            ),
            (
                CommissionRule(id: "com_2", plan: "p", percentBasisPoints: 1, minimumPerLine: usd(5)),
                "/rules/1/minimum_per_line", "mixed_currencies"
            ),
            (CommissionRule(id: "", plan: "p", percentBasisPoints: 1), "/rules/1/id", "id_required"),
            (CommissionRule(id: "com_1", plan: "p", percentBasisPoints: 1), "/rules/1/id", "duplicate_id"),
            (CommissionRule(id: "com_2", sellerID: " ", percentBasisPoints: 1), "/rules/1/seller_id", "empty_scope"),
            (CommissionRule(id: "com_2", categoryID: "", percentBasisPoints: 1), "/rules/1/category_id", "empty_scope"),
            (CommissionRule(id: "com_2", plan: "", percentBasisPoints: 1), "/rules/1/plan", "empty_scope"),
            (CommissionRule(id: "com_2", percentBasisPoints: 500), "/rules/1", "duplicate_scope"),
        ] as [(CommissionRule, String, String)]
    )
    func fieldErrors(rule: CommissionRule, pointer: String, code: String) {
        let first = CommissionRule(id: "com_1", percentBasisPoints: 1_000, fixedPerItem: eur(30))
        let errors = CommissionSchedule.validate([first, rule])
        #expect(errors.map(\.pointer) == [pointer])
        #expect(errors.map(\.code) == [code])
    }

    @Test("every problem is reported at once, and the duplicate names the rule it repeats")
    func everyProblem() {
        let rules = [
            CommissionRule(id: "com_1", categoryID: "cat_books", percentBasisPoints: 1_000),
            CommissionRule(id: "com_2", percentBasisPoints: 20_000, fixedPerItem: usd(-1)),
            CommissionRule(id: "com_3", categoryID: "cat_books", percentBasisPoints: 900),
        ]
        let errors = CommissionSchedule.validate(rules)
        #expect(
            errors.map(\.pointer) == [
                "/rules/1/percent_basis_points", "/rules/1/fixed_per_item", "/rules/2",
            ])
        #expect(errors.last?.message == "has the same seller, category and plan as rule 0 (com_1)")
        #expect(throws: ValidationError(errors)) { try CommissionSchedule.requireValid(rules) }
    }

    @Test("scopes differing in one field are not duplicates")
    func differentScopes() {
        let rules = [
            CommissionRule(id: "com_1", sellerID: "sel_a", percentBasisPoints: 1),
            CommissionRule(id: "com_2", sellerID: "sel_a", plan: "pro", percentBasisPoints: 1),
            CommissionRule(id: "com_3", sellerID: "sel_a", categoryID: "cat_a", percentBasisPoints: 1),
            CommissionRule(id: "com_4", sellerID: "sel_b", percentBasisPoints: 1),
            CommissionRule(id: "com_5", percentBasisPoints: 1),
        ]
        #expect(CommissionSchedule.validate(rules) == [])
    }
}
