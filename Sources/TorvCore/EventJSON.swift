public import Foundation

/// The one JSON dialect for event payloads. Sorted keys make the same event byte-identical every time (so
/// payloads can be hashed, signed for webhooks and compared in tests); dates are ISO 8601 UTC with
/// milliseconds, readable in the database and by any subscriber language.
///
/// Dates are written to the millisecond because `Date` holds a `Double` and Foundation's ISO 8601 style
/// truncates binary fractions (`.123` prints as `.122`); the milliseconds are computed here as an integer.
public enum EventJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(format(date))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parse(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "Expected an ISO 8601 UTC date, found \"\(text.prefix(40))\".")
            }
            return date
        }
        return decoder
    }

    /// `2026-11-23T16:21:04.123Z`.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        guard totalMilliseconds.isFinite else { return date.formatted(.iso8601) }
        let seconds = (totalMilliseconds / 1000).rounded(.down)
        let milliseconds = Int(totalMilliseconds - seconds * 1000)
        let whole = Date(timeIntervalSince1970: seconds).formatted(.iso8601)  // "2026-11-23T16:21:04Z"
        let fraction = String(milliseconds)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    /// Reads `…T…Z` with or without a fraction of up to 3 digits (more would be finer than `format` writes).
    public static func parse(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        var base = text.dropLast()
        var milliseconds = 0.0
        if let point = base.lastIndex(of: ".") {
            let digits = base[base.index(after: point)...]
            guard (1...3).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                let value = Int(digits)
            else {
                return nil
            }
            milliseconds = Double(value) * [100.0, 10, 1][digits.count - 1]
            base = base[..<point]
        }
        guard let seconds = try? Date.ISO8601FormatStyle().parse(base + "Z") else { return nil }
        return Date(timeIntervalSince1970: (seconds.timeIntervalSince1970 * 1000 + milliseconds) / 1000)
    }
}
