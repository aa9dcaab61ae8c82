public import TorvCore

extension CommissionSchedule {
    /// Every problem of a schedule at once, as field errors with JSON pointers into the snake_case form
    /// (`/rules/2/percent_basis_points`), so an admin fixing the rate card sees them all in one round trip.
    ///
    /// A valid schedule has: non-empty, unique IDs; scope fields that are either left out or name something
    /// (an empty string would match nothing and look like "any"); rates from 0 to 100 %; no negative
    /// amounts; every amount in one currency; and no two rules with the same seller, category and plan, so
    /// that exactly one rule is the most specific for any line (see ``CommissionSpecificity``).
    public static func validate(_ rules: [CommissionRule]) -> [FieldError] {
        var errors: [FieldError] = []
        var firstIndexByID: [String: Int] = [:]
        var firstIndexByScope: [CommissionScope: Int] = [:]
        let currency = rules.lazy.flatMap { [$0.fixedPerItem, $0.minimumPerLine] }.compactMap(\.self).first?.currency

        for (index, rule) in rules.enumerated() {
            func pointer(_ field: String) -> String { FieldError.pointer("rules", String(index), field) }

            if rule.id.allSatisfy(\.isWhitespace) {
                errors.append(FieldError(pointer: pointer("id"), message: "must not be empty", code: "id_required"))
            } else if let first = firstIndexByID[rule.id] {
                errors.append(
                    FieldError(
                        pointer: pointer("id"), message: "must be unique; rule \(first) has the same ID",
                        code: "duplicate_id"))
            } else {
                firstIndexByID[rule.id] = index
            }

            for (value, field, what) in [
                (rule.sellerID, "seller_id", "seller"), (rule.categoryID, "category_id", "category"),
                (rule.plan, "plan", "plan"),
            ] {
                if let value, value.allSatisfy(\.isWhitespace) {
                    errors.append(
                        FieldError(
                            pointer: pointer(field), message: "must not be empty; leave it out to match any \(what)",
                            code: "empty_scope"))
                }
            }

            if !(0...BasisPoints.whole).contains(rule.percentBasisPoints) {
                errors.append(
                    FieldError(
                        pointer: pointer("percent_basis_points"),
                        message: "must be from 0 to 10000 basis points (0 % to 100 %)", code: "invalid_percent"))
            }

            for (money, field) in [(rule.fixedPerItem, "fixed_per_item"), (rule.minimumPerLine, "minimum_per_line")] {
                guard let money else { continue }
                if money.isNegative {
                    errors.append(
                        FieldError(pointer: pointer(field), message: "must not be negative", code: "negative_amount"))
                }
                if let currency, money.currency != currency {
                    errors.append(
                        FieldError(
                            pointer: pointer(field),
                            message: "must be in \(currency.code) like the schedule's other amounts",
                            code: "mixed_currencies"))
                }
            }

            let scope = CommissionScope(sellerID: rule.sellerID, categoryID: rule.categoryID, plan: rule.plan)
            if let first = firstIndexByScope[scope] {
                errors.append(
                    FieldError(
                        pointer: FieldError.pointer("rules", String(index)),
                        message: "has the same seller, category and plan as rule \(first) (\(rules[first].id))",
                        code: "duplicate_scope"))
            } else {
                firstIndexByScope[scope] = index
            }
        }
        return errors
    }

    /// Throws every problem together, for callers that only want to know whether they may save.
    public static func requireValid(_ rules: [CommissionRule]) throws(ValidationError) {
        let errors = validate(rules)
        guard errors.isEmpty else { throw ValidationError(errors) }
    }
}

/// What a rule applies to; two rules with the same scope make the schedule ambiguous.
struct CommissionScope: Hashable {
    var sellerID: String?
    var categoryID: String?
    var plan: String?
}
