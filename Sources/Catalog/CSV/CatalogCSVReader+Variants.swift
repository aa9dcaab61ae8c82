import Foundation
import Persistence
import TorvCore

extension CatalogCSVReader {
    /// A row with a SKU: the variant (new, or repeated to carry another price) and its price.
    mutating func readVariant(_ row: CSVRow, into index: Int) {
        let sku = row["sku"]
        var valid = SKU.isValid(sku)
        if !valid { problem(row.line, "sku", "must be 1 to 64 printable characters without spaces", "invalid_sku") }
        guard let values = readOptions(row, into: index) else { return }
        let barcode = row["barcode"].isEmpty ? nil : row["barcode"]
        if let barcode, !Barcode.isValidGTIN(barcode) {
            problem(row.line, "barcode", "must be a GTIN with a valid check digit", "invalid_barcode")
            valid = false
        }
        var weight: Int?
        if !row["weight_grams"].isEmpty {
            weight = Int(row["weight_grams"])
            if weight == nil || !(0...10_000_000).contains(weight!) {
                problem(row.line, "weight_grams", "must be a whole number from 0 to 10000000", "out_of_range")
                valid = false
            }
        }
        // A bad price still leaves the variant in, so the catalogue checks can report its other problems.
        let price = readPrice(row)
        guard valid else { return }

        let key = SKU.key(sku)
        let handle = builders[index].handle
        if let owner = skuOwners[key], owner.handle != handle {
            return problem(row.line, "sku", "is used by \(owner.handle) on line \(owner.line)", "sku_taken")
        }
        if let existing = builders[index].variants.firstIndex(where: { SKU.key($0.sku) == key }) {
            let first = builders[index].variants[existing]
            if first.optionValues != values || first.barcode != barcode || first.weightGrams != weight {
                return problem(
                    row.line, "sku", "repeats line \(first.line) with other options, barcode or weight",
                    "inconsistent_variant")
            }
            if case .price(let price) = price { addPrice(price, to: existing, of: index) }
            return
        }
        if let twin = builders[index].variants.first(where: { !values.isEmpty && $0.optionValues == values }) {
            return problem(
                row.line, "option1_value", "repeats the options of \(twin.sku) on line \(twin.line)",
                "duplicate_variant_options")
        }
        skuOwners[key] = (handle, row.line)
        builders[index].variants.append(
            ImportedVariant(
                sku: sku, line: row.line, optionValues: values, barcode: barcode, weightGrams: weight, prices: []))
        if case .price(let price) = price { addPrice(price, to: builders[index].variants.count - 1, of: index) }
    }

    /// Option name and value pairs, in order without gaps, the same names on every row of a handle.
    /// Returns the option values, or `nil` after reporting a problem.
    private mutating func readOptions(_ row: CSVRow, into index: Int) -> [String]? {
        var names: [String] = []
        var values: [String] = []
        var valid = true
        var gap = false
        for number in 1...3 {
            let (nameColumn, valueColumn) = ("option\(number)_name", "option\(number)_value")
            let (name, value) = (row[nameColumn], row[valueColumn])
            if name.isEmpty && value.isEmpty {
                gap = true
                continue
            }
            if name.isEmpty || value.isEmpty {
                problem(
                    row.line, name.isEmpty ? nameColumn : valueColumn,
                    "is required with the other half of option \(number)", "required")
                valid = false
                continue
            }
            if gap {
                problem(row.line, nameColumn, "follows an empty option", "option_gap")
                valid = false
            }
            for (column, text) in [(nameColumn, name), (valueColumn, value)]
            where Slug.code(from: text).isEmpty || text.count > 100 {
                problem(row.line, column, "must be 1 to 100 characters with a letter or digit", "invalid_option")
                valid = false
            }
            names.append(name)
            values.append(value)
        }
        guard valid else { return nil }
        if let expected = builders[index].optionNames {
            guard expected == names else {
                let spelled = expected.isEmpty ? "no options" : expected.joined(separator: ", ")
                problem(
                    row.line, "option1_name", "must be \(spelled) as on line \(builders[index].optionLine)",
                    "inconsistent_options")
                return nil
            }
        } else {
            builders[index].optionNames = names
            builders[index].optionLine = row.line
        }
        return values
    }

    private enum PriceCell: Equatable {
        case none
        case invalid
        case price(ImportedPrice)
    }

    private mutating func readPrice(_ row: CSVRow) -> PriceCell {
        let (channel, code, amount) = (row["channel"], row["currency"], row["price"])
        if channel.isEmpty && code.isEmpty && amount.isEmpty { return .none }
        var valid = true
        for (column, value) in [("channel", channel), ("currency", code), ("price", amount)] where value.isEmpty {
            problem(row.line, column, "is required with a price", "required")
            valid = false
        }
        if !channel.isEmpty && !Slug.isValidCode(channel) {
            problem(row.line, "channel", "is not a channel code", "invalid_code")
            valid = false
        }
        guard !code.isEmpty, !amount.isEmpty else { return .invalid }
        guard let currency = Currency(code: code) else {
            problem(row.line, "currency", "is not an ISO 4217 currency code", "invalid_currency")
            return .invalid
        }
        do {
            let price = try Money.parse(amount, currency: currency)
            guard price.amount >= 0 else {
                problem(row.line, "price", "must not be negative", "negative_price")
                return .invalid
            }
            return valid ? .price(ImportedPrice(channel: channel, price: price, line: row.line)) : .invalid
        } catch {
            problem(row.line, "price", error.message, "invalid_amount")
            return .invalid
        }
    }

    private mutating func addPrice(_ price: ImportedPrice, to variant: Int, of index: Int) {
        let prices = builders[index].variants[variant].prices
        if let twin = prices.first(where: { $0.channel == price.channel && $0.price.currency == price.price.currency })
        {
            return problem(
                price.line, "price",
                "repeats the \(price.channel) \(price.price.currency.code) price of line \(twin.line)",
                "duplicate_price")
        }
        builders[index].variants[variant].prices.append(price)
    }
}
