import Catalog
import Foundation

/// The import page: the form (keeping what was pasted, so a bad row can be fixed in place), and the
/// outcome of the last check or import.
struct ImportPageView {
    let csvText: String
    let outcome: ImportOutcome?
    let formProblem: String?
    let columnsHelp = ImportPageView.columns

    init(csv: String, outcome: ImportOutcome?, formProblem: String? = nil) {
        csvText = csv
        self.outcome = outcome
        self.formProblem = formProblem
    }

    static let columns =
        "handle, title, description, brand, status, category, tax_class, purchasable_from, channels, "
        + "option1_name, option1_value (up to option3), sku, barcode, weight_grams, channel, currency, price, "
        + "image_url, image_alt, and attribute:<code>:<text|number|boolean>"
}

/// What a check found, what an import wrote, or why an import was refused.
struct ImportOutcome {
    let outcomeID: String
    let outcomeHeading: String
    let outcomeClass: String
    let outcomeStatement: String
    let summaryLines: [ImportSummaryLine]
    let hasSummary: Bool
    let problemRows: [ImportProblemRow]
    let hasProblems: Bool

    private init(
        id: String, heading: String, isProblem: Bool, statement: String, summary: [ImportSummaryLine],
        problems: [ImportProblem]
    ) {
        outcomeID = id
        outcomeHeading = heading
        outcomeClass = isProblem ? "error-summary" : "notice"
        outcomeStatement = statement
        summaryLines = summary
        hasSummary = !summary.isEmpty
        problemRows = problems.map {
            ImportProblemRow(
                problemLine: $0.line, problemColumn: $0.column.isEmpty ? "whole row" : $0.column,
                problemMessage: $0.message)
        }
        hasProblems = !problems.isEmpty
    }

    /// A dry run: what the file would do, and every bad row.
    static func checked(_ report: ImportReport) -> ImportOutcome {
        let count = report.problems.count
        return ImportOutcome(
            id: "check-result",
            heading: count == 0
                ? "The file is ready to import" : "The file has \(count) \(count == 1 ? "problem" : "problems")",
            isProblem: count > 0,
            statement: count == 0
                ? "Checking wrote nothing. Import the file to make these changes."
                : "Checking wrote nothing, and importing this file would write nothing either: an import with a "
                    + "bad row is refused as a whole. Fix the rows below and check again.",
            summary: [
                ImportSummaryLine(summaryLabel: "Rows read", summaryCount: report.rows),
                ImportSummaryLine(summaryLabel: "Products to create", summaryCount: report.productsCreated),
                ImportSummaryLine(summaryLabel: "Products to update", summaryCount: report.productsUpdated),
                ImportSummaryLine(summaryLabel: "Variants to create", summaryCount: report.variantsCreated),
                ImportSummaryLine(summaryLabel: "Variants to update", summaryCount: report.variantsUpdated),
                ImportSummaryLine(summaryLabel: "Prices in the file", summaryCount: report.prices),
            ], problems: report.problems)
    }

    /// A real import that found problems: all or nothing, so nothing.
    static func rejected(_ problems: [ImportProblem]) -> ImportOutcome {
        ImportOutcome(
            id: "import-refused", heading: "Nothing was imported", isProblem: true,
            statement: "The file has \(problems.count) \(problems.count == 1 ? "problem" : "problems"), so the import "
                + "was refused as a whole and wrote nothing. Fix the rows below and import again.",
            summary: [], problems: problems)
    }

    /// After the redirect that follows an import: what it wrote, carried in the address so any
    /// instance can show it. Only counts travel, and a forged address only misleads its own visitor.
    static func written(_ query: FormData) -> ImportOutcome {
        let count = { (name: String) in query[name].flatMap { Int($0) } ?? 0 }
        return ImportOutcome(
            id: "import-result", heading: "Import finished", isProblem: false,
            statement: "Every row was written in one transaction. The products keep the status the file gave them.",
            summary: writtenFields.map { ImportSummaryLine(summaryLabel: $0.label, summaryCount: count($0.name)) },
            problems: [])
    }

    static func writtenHref(_ report: ImportReport) -> String {
        let values = [
            report.rows, report.productsCreated, report.productsUpdated, report.variantsCreated,
            report.variantsUpdated, report.prices,
        ]
        let query = zip(writtenFields, values).map { "\($0.0.name)=\($0.1)" }.joined(separator: "&")
        return "/admin/catalog/import?written=1&" + query
    }

    private static let writtenFields: [(name: String, label: String)] = [
        ("rows", "Rows read"), ("products_created", "Products created"), ("products_updated", "Products updated"),
        ("variants_created", "Variants created"), ("variants_updated", "Variants updated"),
        ("prices", "Prices changed"),
    ]
}

struct ImportSummaryLine {
    let summaryLabel: String
    let summaryCount: Int
}

struct ImportProblemRow {
    let problemLine: Int
    let problemColumn: String
    let problemMessage: String
}
