public import TorvCore

/// One thing wrong with an import file, addressed as a spreadsheet user finds it: line and column.
public struct ImportProblem: Sendable, Hashable, Codable {
    /// The file's line (the header is line 1); a record spanning lines is reported at its first.
    public var line: Int
    /// The column's header name; empty when the whole row or file is at fault.
    public var column: String
    public var message: String
    public var code: String

    public init(line: Int, column: String, message: String, code: String) {
        self.line = line
        self.column = column
        self.message = message
        self.code = code
    }

    /// `/lines/12/price`, for an RFC 9457 problem's `errors[]`.
    public var fieldError: FieldError {
        FieldError(
            pointer: column.isEmpty
                ? FieldError.pointer("lines", String(line)) : FieldError.pointer("lines", String(line), column),
            message: message, code: code)
    }
}

/// What an import did, or for a dry run would do.
public struct ImportReport: Sendable, Hashable, Codable {
    public var dryRun: Bool
    /// Empty after a real import: an import with problems is refused as a whole.
    public var problems: [ImportProblem]
    /// The file's records after the header (one per variant and price, or extra images).
    public var rows = 0
    public var productsCreated = 0
    public var productsUpdated = 0
    public var variantsCreated = 0
    public var variantsUpdated = 0
    /// Price rows in the file (a dry run) or prices that actually changed (an import).
    public var prices = 0

    public init(dryRun: Bool, problems: [ImportProblem] = []) {
        self.dryRun = dryRun
        self.problems = problems
    }
}
