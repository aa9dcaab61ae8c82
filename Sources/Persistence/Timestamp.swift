public import Foundation

/// Times are stored as integer microseconds since 1970 in `BIGINT` columns on both backends:
/// SQLite has no timestamp type and the drivers encode `Date` differently, while an integer sorts,
/// compares and round-trips identically everywhere. (`to_timestamp(x / 1e6)` reads it in psql.)
extension Date {
    public var epochMicroseconds: Int64 {
        Int64((timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    public init(epochMicroseconds: Int64) {
        self.init(timeIntervalSince1970: Double(epochMicroseconds) / 1_000_000)
    }
}
