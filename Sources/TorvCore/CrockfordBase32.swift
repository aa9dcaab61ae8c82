/// Crockford's base32 in lowercase, the body of every Torv ID.
///
/// Chosen over hex or base64 because it is short (26 characters for 128 bits), has no characters that are
/// unsafe in URLs, leaves out `i`, `l`, `o` and `u` so IDs survive being read aloud or retyped, and its
/// alphabet is in ASCII order, so sorting the text sorts the bytes.
///
/// The bytes are read as one big-endian number, zero-padded at the front (as ULID does): 16 bytes are 130
/// bits of text, so the first character of a 128-bit value is always `0`–`7`.
///
/// Decoding is strict: only the lowercase canonical alphabet and only canonical lengths are accepted, so
/// each byte string has exactly one spelling and string equality is ID equality (safe as a database key).
public enum CrockfordBase32 {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// Values of ASCII bytes, `0xFF` for bytes outside the alphabet.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Encodes any number of bytes; 16 bytes (a UUID) give 26 characters.
    public static func encode(_ bytes: [UInt8]) -> String {
        let length = (bytes.count * 8 + 4) / 5
        var output: [UInt8] = []
        output.reserveCapacity(length)
        // Start with the padding bits already "in" the accumulator, so the last character ends on a byte.
        var bitCount = length * 5 - bytes.count * 8
        var accumulator: UInt32 = 0
        for byte in bytes {
            accumulator = (accumulator << 8) | UInt32(byte)
            bitCount += 8
            while bitCount >= 5 {
                bitCount -= 5
                output.append(alphabet[Int((accumulator >> UInt32(bitCount)) & 0x1F)])
            }
            accumulator &= (1 << UInt32(bitCount)) - 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of a canonical encoding, or `nil` for any other text: characters outside the lowercase
    /// alphabet, a length no byte count encodes to, or non-zero padding bits (for 26 characters, a first
    /// character above `7`).
    public static func decode(_ text: String) -> [UInt8]? {
        decode(utf8: Array(text.utf8))
    }

    static func decode(utf8 characters: some Collection<UInt8>) -> [UInt8]? {
        let byteCount = characters.count * 5 / 8
        guard (byteCount * 8 + 4) / 5 == characters.count else { return nil }
        let padding = characters.count * 5 - byteCount * 8

        var output: [UInt8] = []
        output.reserveCapacity(byteCount)
        var accumulator: UInt32 = 0
        var bitCount = 0
        var paddingChecked = padding == 0
        for character in characters {
            let value = values[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = (accumulator << 5) | UInt32(value)
            bitCount += 5
            if !paddingChecked {
                // padding < 5, so it is settled by the first character.
                guard accumulator >> UInt32(bitCount - padding) == 0 else { return nil }
                bitCount -= padding
                paddingChecked = true
            }
            if bitCount >= 8 {
                bitCount -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bitCount)))
            }
            accumulator &= (1 << UInt32(bitCount)) - 1
        }
        return output
    }
}
