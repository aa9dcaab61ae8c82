import Foundation
import Testing
import TorvCore

@Suite struct UUIDv7Tests {
    static func bytes(_ uuid: UUID) -> [UInt8] { withUnsafeBytes(of: uuid.uuid) { Array($0) } }

    @Test("a v7 UUID carries the Unix milliseconds, version 7 and variant 10")
    func layout() throws {
        let uuid = UUIDGenerator.independentV7().next(sampleDate)
        let bytes = Self.bytes(uuid)
        let ms = bytes[0..<6].reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        #expect(ms == 1_795_450_864_123)
        #expect(bytes[6] >> 4 == 7)
        #expect(bytes[8] >> 6 == 0b10)
        #expect(UUIDv7.timestamp(of: uuid) == sampleDate)
    }

    @Test("timestamps are only read from v7 UUIDs")
    func timestampOfOtherVersions() throws {
        #expect(UUIDv7.timestamp(of: UUID()) == nil)  // Foundation makes version 4
        #expect(UUIDv7.timestamp(of: try #require(UUID(uuidString: "00000000-0000-0000-0000-000000000000"))) == nil)
    }

    @Test("UUIDs minted in the same millisecond still increase")
    func monotonicWithinMillisecond() {
        let generator = UUIDGenerator.independentV7()
        let uuids = (0..<10_000).map { _ in generator.next(sampleDate) }
        let bytes = uuids.map(Self.bytes)
        #expect(zip(bytes, bytes.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(uuids.allSatisfy { UUIDv7.timestamp(of: $0) == sampleDate })
    }

    @Test("a clock stepping back a little does not break the order")
    func smallBackwardStep() {
        let generator = UUIDGenerator.independentV7()
        let first = Self.bytes(generator.next(sampleDate))
        let second = Self.bytes(generator.next(sampleDate.addingTimeInterval(-2)))
        #expect(first.lexicographicallyPrecedes(second))
    }

    @Test("a clock moved back on purpose is followed, so the timestamp stays honest")
    func largeBackwardStep() {
        let generator = UUIDGenerator.independentV7()
        _ = generator.next(sampleDate)
        let earlier = sampleDate.addingTimeInterval(-3600)
        #expect(UUIDv7.timestamp(of: generator.next(earlier)) == earlier)
    }

    @Test("dates before 1970 are clamped to the epoch")
    func beforeEpoch() {
        let uuid = UUIDGenerator.independentV7().next(Date(timeIntervalSince1970: -86_400))
        #expect(UUIDv7.timestamp(of: uuid) == Date(timeIntervalSince1970: 0))
    }

    @Test("the incrementing generator is deterministic and v7-shaped")
    func incrementing() {
        let a = UUIDGenerator.incrementing()
        let b = UUIDGenerator.incrementing()
        let epoch = Date(timeIntervalSince1970: 0)
        let fromA = (0..<3).map { _ in a.next(epoch) }
        #expect(fromA == (0..<3).map { _ in b.next(epoch) })
        #expect(fromA[0].uuidString == "00000000-0000-7000-8000-000000000000")
        #expect(fromA[2].uuidString == "00000000-0000-7000-8000-000000000002")
        #expect(UUIDGenerator.incrementing(from: 7).next(sampleDate).uuidString.hasSuffix("-8000-000000000007"))
    }

    @Test("the shared generator yields unique UUIDs under concurrency")
    func concurrentUniqueness() async {
        let uuids = await withTaskGroup(of: [UUID].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<1_000).map { _ in UUIDGenerator.v7.next(Date()) } }
            }
            return await group.reduce(into: [UUID]()) { $0 += $1 }
        }
        #expect(Set(uuids).count == 8_000)
    }
}
