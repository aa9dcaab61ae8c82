import Catalog
import Testing

@Suite("CSV (RFC 4180)")
struct CSVTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let records: [[String]]
        let lines: [Int]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "plain fields with CRLF", text: "a,b\r\nc,d\r\n", records: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        Case(name: "LF line ends", text: "a,b\nc,d\n", records: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        Case(name: "no final line break", text: "a,b\r\nc,d", records: [["a", "b"], ["c", "d"]], lines: [1, 2]),
        Case(name: "empty fields", text: ",a,,\r\n", records: [["", "a", "", ""]], lines: [1]),
        Case(name: "a quoted comma", text: "\"a,b\",c\r\n", records: [["a,b", "c"]], lines: [1]),
        Case(name: "a doubled quote", text: "\"say \"\"hi\"\"\",x\r\n", records: [["say \"hi\"", "x"]], lines: [1]),
        Case(
            name: "a line break inside quotes moves the next record's line",
            text: "\"one\r\ntwo\",x\r\nnext,y\r\n", records: [["one\r\ntwo", "x"], ["next", "y"]], lines: [1, 3]),
        Case(name: "a byte-order mark is dropped", text: "\u{FEFF}a,b\r\n", records: [["a", "b"]], lines: [1]),
        Case(name: "blank lines are skipped", text: "a\r\n\r\nb\r\n", records: [["a"], ["b"]], lines: [1, 3]),
        Case(name: "an empty quoted field", text: "\"\",a\r\n", records: [["", "a"]], lines: [1]),
        Case(name: "spaces are data", text: " a , b \r\n", records: [[" a ", " b "]], lines: [1]),
        Case(name: "non-ASCII text", text: "Crème brûlée,日本\r\n", records: [["Crème brûlée", "日本"]], lines: [1]),
    ]

    @Test("parsing", arguments: cases)
    func parsing(_ testCase: Case) throws {
        let records = try CSV.parse(testCase.text)
        #expect(records.map(\.fields) == testCase.records)
        #expect(records.map(\.line) == testCase.lines)
    }

    @Test(
        "malformed files are refused with the line",
        arguments: [
            ("a,b\r\n\"open,c\r\n", CSV.FormatError.unterminatedQuote(line: 2)),
            ("a,b\"c\r\n", CSV.FormatError.strayQuote(line: 1)),
            ("a\r\n\"closed\"x,y\r\n", CSV.FormatError.strayQuote(line: 2)),
        ])
    func malformed(text: String, expected: CSV.FormatError) {
        #expect(throws: expected) { try CSV.parse(text) }
    }

    @Test("rendering quotes only what needs it and parses back to the same fields")
    func renderRoundTrip() throws {
        let rows = [
            ["plain", "with,comma", "with \"quote\"", "line\nbreak", "cr\rlf\r\n", "", " spaced "],
            ["=1+1", "Crème", "a|b", "x > y", "'", "\"", ","],
        ]
        let text = CSV.render(rows)
        #expect(text.hasPrefix("plain,\"with,comma\",\"with \"\"quote\"\"\","))
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }
}
