import PropertyBased
import Testing
import TorvCore

@Suite struct CrockfordBase32Tests {
    static func hex(_ text: String) -> [UInt8] {
        stride(from: 0, to: text.count, by: 2).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16) ?? 0
        }
    }

    @Test(
        "known vectors, including the ULID specification's example",
        arguments: [
            ("01563E3AB5D3D6764C61EFB99302BD5B", "01arz3ndektsv4rrffq69g5fav"),
            ("00000000000000000000000000000000", "00000000000000000000000000"),
            ("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "7zzzzzzzzzzzzzzzzzzzzzzzzz"),
            ("FF", "7z"),
            ("00", "00"),
            ("0123456789", "04hmasw9"),
            ("", ""),
        ])
    func vectors(bytesHex: String, text: String) {
        let bytes = Self.hex(bytesHex)
        #expect(CrockfordBase32.encode(bytes) == text)
        #expect(CrockfordBase32.decode(text) == bytes)
    }

    @Test("sixteen bytes are 26 characters whose first is 0 to 7")
    func uuidLength() {
        #expect(CrockfordBase32.encode([UInt8](repeating: 0xAB, count: 16)).count == 26)
    }

    @Test(
        "only the canonical lowercase spelling decodes",
        arguments: [
            "01ARZ3NDEKTSV4RRFFQ69G5FAV",  // uppercase
            "01arz3ndektsv4rrffq69g5fa",  // 25 characters
            "01arz3ndektsv4rrffq69g5fav0",  // 27 characters
            "81arz3ndektsv4rrffq69g5fav",  // first character above 7 overflows 128 bits
            "01arz3ndektsv4rrffq69g5fai", "01arz3ndektsv4rrffq69g5fal", "01arz3ndektsv4rrffq69g5fao",
            "01arz3ndektsv4rrffq69g5fau",  // letters Crockford leaves out
            "01arz3ndektsv4rrffq69g5fa-", "01arz3ndektsv4rrffq69g5fa ", "01arz3ndektsv4rrffq69g5faé",
            "0",  // no byte count encodes to one character
        ])
    func refusals(text: String) {
        #expect(CrockfordBase32.decode(text) == nil)
    }

    @Test("decoding inverts encoding for any bytes")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...40)) { bytes in
            #expect(CrockfordBase32.decode(CrockfordBase32.encode(bytes)) == bytes)
        }
    }

    @Test("text order equals byte order for equal lengths")
    func orderPreserving() async {
        let uuidBytes = Gen.uint8().array(of: 16)
        await propertyCheck(count: 500, input: uuidBytes, uuidBytes) { lhs, rhs in
            let textOrder = CrockfordBase32.encode(lhs) < CrockfordBase32.encode(rhs)
            #expect(textOrder == lhs.lexicographicallyPrecedes(rhs))
        }
    }
}
