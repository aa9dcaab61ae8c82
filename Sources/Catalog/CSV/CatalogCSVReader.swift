import Foundation
import Persistence
import TorvCore

/// Reads a catalogue CSV into products, collecting every problem with its line and column. Pure:
/// what needs the catalogue (known tax classes, taken SKUs …) is checked by the import afterwards.
struct CatalogCSVReader {
    var problems: [ImportProblem] = []
    var builders: [ProductRows] = []
    var handles: [String: Int] = [:]
    /// SKU key → the handle and line that first used it.
    var skuOwners: [String: (handle: String, line: Int)] = [:]
    var columns: [String: Int] = [:]
    var attributeColumns: [(header: String, code: String, kind: AttributeKind)] = []

    /// `rows` counts the records after the header, read or not.
    static func read(_ text: String) -> (products: [ImportedProduct], problems: [ImportProblem], rows: Int) {
        var reader = CatalogCSVReader()
        let records: [CSV.Record]
        do {
            records = try CSV.parse(text)
        } catch {
            return (
                [], [ImportProblem(line: error.line, column: "", message: error.message, code: "malformed_csv")], 0
            )
        }
        guard let header = records.first else {
            return ([], [ImportProblem(line: 1, column: "", message: "the file is empty", code: "empty_file")], 0)
        }
        guard reader.readHeader(header) else { return ([], reader.problems, records.count - 1) }
        for record in records.dropFirst() {
            reader.readRow(CSVRow(record: record, columns: reader.columns), width: header.fields.count)
        }
        let products = reader.builders.map { reader.finish($0) }
        return (products, reader.problems, records.count - 1)
    }

    mutating func problem(_ line: Int, _ column: String, _ message: String, _ code: String) {
        problems.append(ImportProblem(line: line, column: column, message: message, code: code))
    }

    private mutating func readHeader(_ record: CSV.Record) -> Bool {
        for (position, raw) in record.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            guard columns[name] == nil else {
                problem(record.line, name, "appears twice", "duplicate_column")
                continue
            }
            columns[name] = position
            if CatalogCSVLayout.fixedColumns.contains(name) { continue }
            if let attribute = CatalogCSVLayout.attribute(from: name) {
                attributeColumns.append((name, attribute.code, attribute.kind))
            } else {
                problem(record.line, name, "is not a column of the catalogue format", "unknown_column")
            }
        }
        for name in CatalogCSVLayout.required where columns[name] == nil {
            problem(record.line, name, "is missing", "missing_column")
        }
        return problems.isEmpty
    }

    private mutating func readRow(_ row: CSVRow, width: Int) {
        guard row.fieldCount == width else {
            problem(row.line, "", "has \(row.fieldCount) fields where the header has \(width)", "field_count")
            return
        }
        let handle = row["handle"]
        guard !handle.isEmpty else { return problem(row.line, "handle", "is required", "required") }
        guard Slug.isValid(handle) else {
            return problem(row.line, "handle", "must be lower-case letters, digits and single hyphens", "invalid_slug")
        }
        if handles[handle] == nil {
            builders.append(ProductRows(handle: handle, line: row.line))
            handles[handle] = builders.count - 1
        }
        let index = handles[handle]!
        mergeProductColumns(row, into: index)
        let url = row["image_url"]
        if !url.isEmpty {
            builders[index].images.append((MediaReference(url: url, altText: row.raw("image_alt")), row.line))
        } else if !row["image_alt"].isEmpty {
            problem(row.line, "image_alt", "needs an image_url", "required")
        }
        if row["sku"].isEmpty {
            for column in CatalogCSVLayout.variantColumns + CatalogCSVLayout.priceColumns where !row[column].isEmpty {
                problem(row.line, column, "needs a sku on the same row", "sku_required")
            }
        } else {
            readVariant(row, into: index)
        }
    }

    /// Product columns may repeat on every row of a handle, but must not disagree.
    private mutating func mergeProductColumns(_ row: CSVRow, into index: Int) {
        for column in CatalogCSVLayout.productColumns.dropFirst() + attributeColumns.map(\.header) {
            let value = column == "description" ? row.raw(column) : row[column]
            guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            if let existing = builders[index].values[column] {
                if existing != value {
                    problem(
                        row.line, column, "differs from line \(builders[index].lines[column] ?? 0)",
                        "inconsistent_product")
                }
            } else {
                builders[index].values[column] = value
                builders[index].lines[column] = row.line
            }
        }
    }
}

/// The rows of one handle, gathered before they become an ``ImportedProduct``.
struct ProductRows {
    var handle: String
    var line: Int
    var values: [String: String] = [:]
    var lines: [String: Int] = [:]
    var images: [(media: MediaReference, line: Int)] = []
    var optionNames: [String]?
    var optionLine = 0
    var variants: [ImportedVariant] = []
}

/// A record with access by column name.
struct CSVRow {
    let record: CSV.Record
    let columns: [String: Int]

    var line: Int { record.line }
    var fieldCount: Int { record.fields.count }

    /// The field, trimmed of spaces; empty when the column is absent.
    subscript(column: String) -> String {
        raw(column).trimmingCharacters(in: .whitespaces)
    }

    /// The field as written (descriptions and alt texts keep their spacing).
    func raw(_ column: String) -> String {
        guard let index = columns[column], index < record.fields.count else { return "" }
        return record.fields[index]
    }
}
