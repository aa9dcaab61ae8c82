import PropertyBased
import Sellers
import Testing

/// Title similarity's and duplicate matching's promises for any titles.
@Suite struct DuplicateListingPropertyTests {
    static let vocabulary = [
        "mug", "Stoneware", "350ml", "sand", "BLUE", "the", "with", "handle", "Nordic", "ceramics", "set", "of", "4",
        "espresso", "cup", "Tasse", "für", "Kaffee", "iPhone", "15", "Pro", "256GB",
    ]
    static let punctuation = [" ", ", ", " - ", "! ", " (", ") "]
    static let titles = zip(Gen.int(in: 0...(vocabulary.count - 1)), Gen.int(in: 0...(punctuation.count - 1)))
        .array(of: 0...7)
        .map { picks in picks.map { vocabulary[$0.0] + punctuation[$0.1] }.joined() }

    @Test("similarity is symmetric, from 0 to 1000, and 1000 for identical titles with a word")
    func symmetric() async {
        await propertyCheck(count: 500, input: Self.titles, Self.titles) { lhs, rhs in
            let score = DuplicateListing.titleSimilarity(lhs, rhs)
            #expect(score == DuplicateListing.titleSimilarity(rhs, lhs))
            #expect((0...1_000).contains(score))
            #expect(
                DuplicateListing.titleSimilarity(lhs, lhs)
                    == (lhs.contains(where: \.isLetter) || lhs.contains(where: \.isNumber) ? 1_000 : 0))
        }
    }

    @Test("word order, case and punctuation do not change the similarity")
    func orderInsensitive() async {
        await propertyCheck(count: 300, input: Self.titles, Self.titles, Gen.int(in: 0...1_000)) { lhs, rhs, seed in
            var random = SeededRandom(seed: seed)
            let shuffled = lhs.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                .shuffled(using: &random).joined(separator: " / ").uppercased()
            #expect(DuplicateListing.titleSimilarity(shuffled, rhs) == DuplicateListing.titleSimilarity(lhs, rhs))
        }
    }

    @Test("matches are ordered by score then ID, reach the threshold, and never depend on the input order")
    func ordering() async {
        await propertyCheck(count: 300, input: Self.titles, Self.titles.array(of: 0...8), Gen.int(in: 0...1_000)) {
            title, others, seed in
            let new = ListingFingerprint(listingID: "lst_new", sellerID: "sel_a", title: title, categoryID: "cat_1")
            let pool = others.enumerated().map { index, other in
                ListingFingerprint(
                    listingID: "lst_\(index % 5)", sellerID: index.isMultiple(of: 3) ? "sel_a" : nil, title: other,
                    categoryID: "cat_1")
            }
            var random = SeededRandom(seed: seed)
            let found = DuplicateListing.matches(for: new, among: pool, threshold: 500)
            #expect(DuplicateListing.matches(for: new, among: pool.shuffled(using: &random), threshold: 500) == found)
            #expect(found.allSatisfy { $0.score >= 500 && $0.basis == .title })
            #expect(
                zip(found, found.dropFirst()).allSatisfy {
                    $0.score > $1.score || ($0.score == $1.score && $0.listingID <= $1.listingID)
                })
            // Exactly the listings whose titles reach the threshold are found.
            let expected = pool.filter { DuplicateListing.titleSimilarity(title, $0.title) >= 500 }.count
            #expect(found.count == expected)
        }
    }
}
