import Foundation
import Testing
import TorvCore

@Suite struct TypedIDTests {
    static let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    @Test("the text form is the prefix, an underscore and 26 base32 characters")
    func textForm() {
        #expect(ProductID(uuid: Self.zero).rawValue == "prod_00000000000000000000000000")
        let id = ProductID.generate(.incrementing(), at: sampleDate)
        #expect(id.rawValue.hasPrefix("prod_"))
        #expect(id.rawValue.count == 31)
        #expect(id.description == id.rawValue)
        #expect("\(id)" == id.rawValue)
    }

    @Test("parsing the text form gives back the same ID")
    func roundTrip() throws {
        let id = ProductID.generate(.independentV7(), at: sampleDate)
        #expect(try ProductID(parsing: id.rawValue) == id)
        #expect(ProductID(id.rawValue) == id)
        #expect(id.createdAt == sampleDate)
    }

    @Test("an ID of another type is refused with both prefixes named")
    func wrongPrefix() {
        let order = OrderID.generate(.incrementing(), at: sampleDate)
        #expect(throws: IDError.wrongPrefix(expected: "prod", found: "ord")) { try ProductID(parsing: order.rawValue) }
        #expect(ProductID(order.rawValue) == nil)
    }

    @Test(
        "malformed text is refused",
        arguments: [
            "", "prod", "prod_", "prod_0123",
            "prod_00000000000000000000000000x",  // 27-character body
            "prod-00000000000000000000000000",  // wrong separator
            "prod_0000000000000000000000000u",  // letter outside the alphabet
            "prod_0000000000000000000000000A",  // uppercase body
            "PROD_00000000000000000000000000",  // uppercase prefix
            "prod_80000000000000000000000000",  // more than 128 bits
            "_00000000000000000000000000",  // no prefix
            "prod__00000000000000000000000000",  // prefix with an underscore
            "pröd_00000000000000000000000000",  // non-ASCII prefix
            " prod_00000000000000000000000000",  // leading space
            "prod_00000000000000000000000000\n",
        ])
    func malformed(text: String) {
        #expect(throws: IDError.malformed(text)) { try ProductID(parsing: text) }
        #expect(ProductID(text) == nil)
    }

    @Test("oversized input is refused without being parsed")
    func oversized() {
        let text = "prod_" + String(repeating: "0", count: 100_000)
        #expect(throws: IDError.malformed(text)) { try ProductID(parsing: text) }
    }

    @Test("encodes as the string form and checks the prefix when decoding")
    func codable() throws {
        let id = ProductID(uuid: Self.zero)
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["prod_00000000000000000000000000"]"#)
        #expect(try JSONDecoder().decode([ProductID].self, from: data) == [id])

        let error = #expect(throws: DecodingError.self) { try JSONDecoder().decode([OrderID].self, from: data) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.underlyingError as? IDError == .wrongPrefix(expected: "ord", found: "prod"))
    }

    @Test("IDs sort by creation time, as values and as strings")
    func ordering() {
        let generator = UUIDGenerator.independentV7()
        let ids = (0..<100).map { i in ProductID.generate(generator, at: sampleDate.addingTimeInterval(Double(i / 10)))
        }
        #expect(ids == ids.sorted())
        #expect(ids.map(\.rawValue) == ids.map(\.rawValue).sorted())
        #expect(ids.shuffled().sorted() == ids)
    }

    @Test("IDs from other UUID versions still round-trip but have no creation time")
    func foreignUUID() throws {
        let id = OrderID(uuid: UUID())
        #expect(try OrderID(parsing: id.rawValue) == id)
        #expect(id.createdAt == nil)
    }

    @Test("event IDs use the evt prefix and every prefix here follows the rules")
    func prefixes() {
        #expect(EventID.generate(.incrementing(), at: sampleDate).rawValue.hasPrefix("evt_"))
        #expect(EventPrefix.isValidPrefix && ProductPrefix.isValidPrefix && OrderPrefix.isValidPrefix)
    }

    @Test("prefix rules: 2 to 8 lowercase ASCII letters")
    func prefixRules() {
        enum One: IDPrefix { static let prefix = "a" }
        enum Nine: IDPrefix { static let prefix = "abcdefghi" }
        enum Upper: IDPrefix { static let prefix = "Prod" }
        enum Underscore: IDPrefix { static let prefix = "pr_od" }
        enum Eight: IDPrefix { static let prefix = "abcdefgh" }
        #expect(!One.isValidPrefix && !Nine.isValidPrefix && !Upper.isValidPrefix && !Underscore.isValidPrefix)
        #expect(Eight.isValidPrefix)
    }
}
