import Foundation
import Ledger
import PropertyBased
import Testing
import TorvCore

@Suite struct EntryRulesTests {
    static func entry(_ lines: [JournalLine]) -> NewJournalEntry {
        NewJournalEntry(sourceKey: "test", postingDate: .init(timeIntervalSince1970: 0), description: "t", lines: lines)
    }

    @Test("random entries balanced by construction pass; nudging one line by any amount is caught")
    func balanceProperty() async {
        let amounts = Gen.int64(in: 1...10_000_000).array(of: 1...8)
        await propertyCheck(count: 300, input: amounts, Gen.int64(in: 1...1_000)) { debits, nudge in
            var lines = debits.map { JournalLine.debit("1930", .eur($0)) }
            lines.append(.credit("3001", .eur(debits.reduce(0, +))))
            #expect(EntryRules.problems(of: Self.entry(lines)).isEmpty)
            lines[0] = .debit("1930", .eur(debits[0] + nudge))
            #expect(EntryRules.problems(of: Self.entry(lines)).map(\.code) == ["unbalanced"])
        }
    }

    @Test("each currency balances on its own; one line, zero lines and a blank key are refused together")
    func shapes() {
        let mixed = [
            JournalLine.debit("1930", .eur(100)), .credit("3001", .eur(100)),
            .debit("1930", Money(minorUnits: 50, currency: Currency(code: "SEK")!)),
        ]
        #expect(EntryRules.problems(of: Self.entry(mixed)).map(\.code) == ["unbalanced"])
        var lonely = Self.entry([.debit("1930", .eur(0))])
        lonely.sourceKey = ""
        #expect(
            Set(EntryRules.problems(of: lonely).map(\.code)) == [
                "invalid_source_key", "too_few_lines", "zero_line",
            ])
    }
}
