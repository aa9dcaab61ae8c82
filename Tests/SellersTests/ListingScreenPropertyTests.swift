import PropertyBased
import Sellers
import Testing

/// Moderation's promises for any text: whole words only, and no way around a banned word by decoration.
@Suite struct ListingScreenPropertyTests {
    static let words = Gen.lowercaseLetter.string(of: 2...8).array(of: 0...8)
    static let separators = ["-", ".", " ", "_", "*", " - "]

    @Test("a keyword spelled out with separators between its letters is still found")
    func spelledOut() async {
        await propertyCheck(count: 300, input: Gen.lowercaseLetter.string(of: 3...10), Gen.int(in: 0...5)) {
            keyword, separator in
            let spelled = keyword.map(String.init).joined(separator: Self.separators[separator])
            let policy = ListingPolicy(prohibitedKeywords: [keyword])
            let listing = ListingContent(title: "New \(spelled.uppercased())!!", description: "", categoryPath: [])
            #expect(ListingScreen.screen(listing, against: policy) != .allowed)
        }
    }

    @Test("a keyword matches a text made of other, longer words only if it is one of them")
    func wholeWordsOnly() async {
        await propertyCheck(count: 300, input: Self.words, Gen.lowercaseLetter.string(of: 2...4)) { words, keyword in
            // Every word gets a letter glued on, so the keyword can at most be a part of a word.
            let padded = words.map { "x" + $0 }
            let policy = ListingPolicy(prohibitedKeywords: [keyword])
            let listing = ListingContent(title: padded.joined(separator: " "), description: "", categoryPath: [])
            let expected = padded.contains(keyword)
            #expect((ListingScreen.screen(listing, against: policy) != .allowed) == expected)
        }
    }

    @Test("a policy word anywhere in the title is found, with any case and punctuation around it")
    func anywhere() async {
        await propertyCheck(count: 300, input: Self.words, Self.words, Gen.lowercaseLetter.string(of: 2...8)) {
            before, after, keyword in
            let title = (before + ["\"" + keyword.uppercased() + "\"?!"] + after).joined(separator: " ")
            let policy = ListingPolicy(restrictedKeywords: [keyword])
            let outcome = ListingScreen.screen(
                ListingContent(title: title, description: "", categoryPath: []), against: policy)
            #expect(outcome == .needsReview([.restrictedKeyword(keyword, field: .title)]))
        }
    }
}
