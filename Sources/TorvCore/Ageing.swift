public import Foundation
public import TorvCore

/// Open receivables or payables by how late they are, as of a date: not yet due, 1–30, 31–60, 61–90 and over 90 days
/// past due. Pure, so the buckets are tested with plain values.
public struct Ageing: Sendable, Hashable, Codable {
    public enum Bucket: String, Sendable, Hashable, Codable, CaseIterable {
        case current
        case days1To30 = "1_30"
        case days31To60 = "31_60"
        case days61To90 = "61_90"
        case over90 = "over_90"
    }

    /// Open amount per currency and bucket.
    public private(set) var totals: [Currency: [Bucket: Int64]] = [:]

    public init() {}

    /// The bucket of an amount due at `due`, read on `asOf` (UTC days late; due today is current).
    public static func bucket(due: Date, asOf: Date) -> Bucket {
        let days = Int((asOf.timeIntervalSince(due) / 86_400).rounded(.down))
        switch days {
        case ..<1: return .current
        case 1...30: return .days1To30
        case 31...60: return .days31To60
        case 61...90: return .days61To90
        default: return .over90
        }
    }

    public mutating func add(_ open: Money, due: Date, asOf: Date) {
        guard open.isPositive else { return }
        totals[open.currency, default: [:]][Self.bucket(due: due, asOf: asOf), default: 0] += open.amount
    }
}
