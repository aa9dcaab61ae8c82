public import Foundation

/// Layout of RFC 9562 version 7 UUIDs: 48 bits of Unix milliseconds, the version nibble `7`, 12 bits of
/// `rand_a`, the variant bits `10`, and 62 bits of `rand_b`.
///
/// Version 7 because its byte order is time order: primary keys stay append-mostly in B-tree indexes, and
/// IDs sort by creation time in lists and cursors without a separate column.
public enum UUIDv7 {
    /// The largest timestamp the 48-bit field can hold (year 10889).
    static let maxMilliseconds: UInt64 = (1 << 48) - 1

    /// Assembles a v7 UUID. The 42-bit `counter` fills `rand_a` and the top 30 bits of `rand_b` (RFC 9562
    /// §6.2, method 1), `random` the remaining 32 bits.
    static func make(milliseconds: UInt64, counter: UInt64, random: UInt32) -> UUID {
        let ms = min(milliseconds, maxMilliseconds)
        let bytes: uuid_t = (
            UInt8(truncatingIfNeeded: ms >> 40), UInt8(truncatingIfNeeded: ms >> 32),
            UInt8(truncatingIfNeeded: ms >> 24), UInt8(truncatingIfNeeded: ms >> 16),
            UInt8(truncatingIfNeeded: ms >> 8), UInt8(truncatingIfNeeded: ms),
            0x70 | UInt8(truncatingIfNeeded: (counter >> 38) & 0x0F), UInt8(truncatingIfNeeded: counter >> 30),
            0x80 | UInt8(truncatingIfNeeded: (counter >> 24) & 0x3F), UInt8(truncatingIfNeeded: counter >> 16),
            UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
            UInt8(truncatingIfNeeded: random >> 24), UInt8(truncatingIfNeeded: random >> 16),
            UInt8(truncatingIfNeeded: random >> 8), UInt8(truncatingIfNeeded: random)
        )
        return UUID(uuid: bytes)
    }

    /// Whole Unix milliseconds of `date`, clamped to what the 48-bit field can hold (dates before 1970
    /// become 0).
    static func milliseconds(of date: Date) -> UInt64 {
        let value = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard value.isFinite, value > 0 else { return 0 }
        guard value < Double(maxMilliseconds) else { return maxMilliseconds }
        return UInt64(value)
    }

    /// When a v7 UUID was minted, to the millisecond; `nil` for other versions or variants.
    public static func timestamp(of uuid: UUID) -> Date? {
        let bytes = uuid.bytes
        guard bytes[6] >> 4 == 7, bytes[8] >> 6 == 0b10 else { return nil }
        let ms = bytes[0..<6].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }
}

extension UUID {
    /// The 16 bytes in RFC 9562 (network) order.
    var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// `nil` unless exactly 16 bytes are given.
    init?(bytes: [UInt8]) {
        guard bytes.count == 16 else { return nil }
        self.init(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
