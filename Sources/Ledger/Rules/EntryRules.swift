public import TorvCore

/// What makes an entry postable. Pure: the facade checks the accounts exist, this checks the shape.
public enum EntryRules {
    /// Every problem at once: at least two lines, no zero line, and the lines of each currency sum to
    /// zero (debits equal credits).
    public static func problems(of entry: NewJournalEntry) -> [FieldError] {
        var problems: [FieldError] = []
        if entry.sourceKey.isEmpty || entry.sourceKey.count > 200 {
            problems.append(
                FieldError(pointer: "/source_key", message: "must be 1 to 200 characters", code: "invalid_source_key"))
        }
        if entry.lines.count < 2 {
            problems.append(FieldError(pointer: "/lines", message: "needs at least two lines", code: "too_few_lines"))
        }
        for (index, line) in entry.lines.enumerated() where line.amount.isZero {
            problems.append(
                FieldError(pointer: "/lines/\(index)/amount", message: "must not be zero", code: "zero_line"))
        }
        for (currency, sum) in sums(entry.lines) where sum != 0 {
            problems.append(
                FieldError(
                    pointer: "/lines",
                    message:
                        "debits and credits in \(currency.code) differ by \(Money(minorUnits: sum, currency: currency))",
                    code: "unbalanced"))
        }
        return problems
    }

    /// Per currency, the signed sum of the lines (zero when balanced). Wrapping arithmetic is avoided:
    /// sums stay far from overflow because each line is bounded by the facade.
    public static func sums(_ lines: [JournalLine]) -> [Currency: Int64] {
        var sums: [Currency: Int64] = [:]
        for line in lines { sums[line.amount.currency, default: 0] += line.amount.amount }
        return sums
    }
}
