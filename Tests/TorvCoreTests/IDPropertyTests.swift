import Foundation
import PropertyBased
import Testing
import TorvCore

@Suite struct IDPropertyTests {
    static let anyUUID = Gen.uint8().array(of: 16).map { b in
        UUID(
            uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
        )
    }

    @Test("any UUID survives the trip through the text form and through JSON")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Self.anyUUID) { uuid in
            let id = ProductID(uuid: uuid)
            #expect(try ProductID(parsing: id.rawValue) == id)
            let json = try JSONEncoder().encode(id)
            #expect(try JSONDecoder().decode(ProductID.self, from: json) == id)
        }
    }

    @Test("value order, string order and UUID byte order agree")
    func orderAgreement() async {
        await propertyCheck(count: 500, input: Self.anyUUID, Self.anyUUID) { lhs, rhs in
            let a = ProductID(uuid: lhs)
            let b = ProductID(uuid: rhs)
            #expect((a < b) == (a.rawValue < b.rawValue))
            #expect((a < b) == (lhs.uuidString < rhs.uuidString))
        }
    }

    @Test("sort order equals creation order, through bursts within a millisecond and a clock jittering back")
    func creationOrder() async {
        // Each mint happens up to 5 s before or 2 s after the latest time seen so far: clock jitter and NTP
        // corrections, inside the generator's 10 s tolerance. Non-positive steps all land in the last millisecond.
        let steps = Gen.int(in: -5_000...2_000).array(of: 1...200)
        await propertyCheck(count: 100, input: steps) { steps in
            let generator = UUIDGenerator.independentV7()
            var latest = sampleDate
            var ids: [ProductID] = []
            for step in steps {
                let date = latest.addingTimeInterval(Double(step) / 1000)
                latest = max(latest, date)
                ids.append(ProductID.generate(generator, at: date))
            }
            #expect(ids.sorted() == ids)
            #expect(ids.map(\.rawValue).sorted() == ids.map(\.rawValue))
        }
    }
}
