import Foundation
import TorvCore

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
    static func usd(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .usd) }
}

extension Date {
    static let reference = Date(timeIntervalSince1970: 1_800_000_000)
    static func days(_ days: Double) -> Date { reference.addingTimeInterval(days * 86_400) }
}

extension TypedID {
    /// A stable ID whose order follows `number`, for pure tests.
    static func fixed(_ number: UInt64) -> Self {
        Self.generate(.incrementing(from: number), at: .reference)
    }
}
