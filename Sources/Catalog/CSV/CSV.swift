import Persistence

/// RFC 4180 CSV: comma-separated fields, fields with commas, quotes or line breaks in double quotes,
/// a quote inside a quoted field doubled. Lenient where the RFC allows real files to differ: LF or
/// CR line ends as well as CRLF, a missing final line break, a UTF-8 byte-order mark, blank lines.
public enum CSV {
    /// One record and the line of the file it starts on (records can span lines inside quotes).
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    public enum FormatError: Error, Sendable, Hashable {
        /// A quoted field that runs to the end of the file.
        case unterminatedQuote(line: Int)
        /// A quote inside an unquoted field, or text after a closing quote: `ab"c`, `"ab"c`.
        case strayQuote(line: Int)

        public var line: Int {
            switch self {
            case .unterminatedQuote(let line), .strayQuote(let line): line
            }
        }

        public var message: String {
            switch self {
            case .unterminatedQuote: "a quoted field is not closed"
            case .strayQuote: "a quote must open a field or be doubled inside a quoted one"
            }
        }
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    public static func parse(_ text: String) throws(FormatError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        var line = 1
        var recordLine = 1
        var previousWasCR = false

        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
        }
        func endRecord() {
            endField()
            // A blank line is no record.
            if fields != [""] { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }

        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        for scalar in scalars {
            let afterCR = previousWasCR
            previousWasCR = scalar == "\r"
            let isBreak = scalar == "\n" || scalar == "\r"
            switch state {
            case .quoted:
                if scalar == "\"" {
                    state = .quoteInQuoted
                } else {
                    field.append(scalar)
                    // CRLF is one line break.
                    if scalar == "\r" || (scalar == "\n" && !afterCR) { line += 1 }
                }
            case .quoteInQuoted where scalar == "\"":
                field.append("\"")
                state = .quoted
            case .fieldStart where scalar == "\"":
                state = .quoted
            case .unquoted where scalar == "\"", .quoteInQuoted where !isBreak && scalar != ",":
                throw .strayQuote(line: line)
            case .fieldStart, .unquoted, .quoteInQuoted:
                if scalar == "," {
                    endField()
                    state = .fieldStart
                } else if isBreak {
                    // The LF of a CRLF whose CR ended the record already.
                    if scalar == "\n" && afterCR { continue }
                    endRecord()
                    line += 1
                    recordLine = line
                    state = .fieldStart
                } else {
                    field.append(scalar)
                    state = .unquoted
                }
            }
        }
        if state == .quoted { throw .unterminatedQuote(line: recordLine) }
        if state != .fieldStart || !fields.isEmpty { endRecord() }
        return records
    }

    /// Quotes a field only when it must (a comma, quote, CR or LF); lines end with CRLF as the RFC says.
    public static func render(_ rows: [[String]]) -> String {
        rows.map { row in row.map(quoted).joined(separator: ",") + "\r\n" }.joined()
    }

    static func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return field
        }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }
}
