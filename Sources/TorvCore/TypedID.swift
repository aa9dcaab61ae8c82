public import Foundation

/// An entity ID whose type is part of both its Swift type and its text: `prod_01jd8x…` is a
/// `TypedID<ProductPrefix>`, and decoding it as an order ID fails, so an order ID can never reach a product
/// lookup, in code or over the wire.
///
/// The body is a UUIDv7 in lowercase Crockford base32: IDs sort by creation time as bytes, as `uuid`s and
/// as strings alike, which keeps cursor pagination and B-tree inserts simple.
public struct TypedID<Prefix: IDPrefix>: Hashable, Sendable, Comparable, CustomStringConvertible,
    LosslessStringConvertible
{
    public let uuid: UUID

    public init(uuid: UUID) {
        self.uuid = uuid
    }

    /// Accepts exactly `<prefix>_<26 lowercase base32 characters>`. A well-formed ID of another type throws
    /// `.wrongPrefix`; anything else (uppercase, a prefix that breaks the ``IDPrefix`` rules, a first body
    /// character above `7`) throws `.malformed`.
    public init(parsing text: String) throws(IDError) {
        assert(Prefix.isValidPrefix, "ID prefix \"\(Prefix.prefix)\" must be 2-8 lowercase ASCII letters")
        let bodyLength = 26
        // Longer than the longest valid ID: refuse before copying a possibly huge input.
        guard text.utf8.count <= 8 + 1 + bodyLength else { throw .malformed(text) }
        let utf8 = Array(text.utf8)
        guard utf8.count > bodyLength + 1, utf8[utf8.count - bodyLength - 1] == UInt8(ascii: "_"),
            let bytes = CrockfordBase32.decode(utf8: utf8.suffix(bodyLength)),
            let uuid = UUID(bytes: bytes)
        else { throw .malformed(text) }

        let prefixBytes = utf8.dropLast(bodyLength + 1)
        guard isValidIDPrefix(prefixBytes) else { throw .malformed(text) }
        let prefix = String(decoding: prefixBytes, as: UTF8.self)
        guard prefix == Prefix.prefix else {
            throw .wrongPrefix(expected: Prefix.prefix, found: prefix)
        }
        self.uuid = uuid
    }

    public init?(_ description: String) {
        guard let id = try? TypedID(parsing: description) else { return nil }
        self = id
    }

    /// `"<prefix>_<26 characters>"`, the only spelling of this ID.
    public var rawValue: String {
        Prefix.prefix + "_" + CrockfordBase32.encode(uuid.bytes)
    }

    public var description: String { rawValue }

    /// Mints a new ID. Both the generator and the time are injectable, so tests get stable IDs.
    public static func generate(_ generator: UUIDGenerator = .v7, at date: Date = Date()) -> Self {
        assert(Prefix.isValidPrefix, "ID prefix \"\(Prefix.prefix)\" must be 2-8 lowercase ASCII letters")
        return Self(uuid: generator.next(date))
    }

    /// When the ID was minted (to the millisecond), for v7 IDs; `nil` for IDs built from other UUIDs.
    public var createdAt: Date? { UUIDv7.timestamp(of: uuid) }

    /// Byte order of the UUID, which for v7 is creation order and equals the order of ``rawValue``.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        // Compared in place: sorting thousands of IDs for a page should not allocate per comparison.
        withUnsafeBytes(of: lhs.uuid.uuid) { lhsBytes in
            withUnsafeBytes(of: rhs.uuid.uuid) { rhsBytes in lhsBytes.lexicographicallyPrecedes(rhsBytes) }
        }
    }
}

/// Encoded as the string form, so IDs look the same in JSON, logs and URLs; decoding checks the prefix.
extension TypedID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try TypedID(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: container.codingPath,
                    debugDescription: error.message,
                    underlyingError: error
                )
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
