import Reviews
import Testing
import TorvCore

@Suite("Review rules")
struct ReviewRulesTests {
    @Test(
        "the average is rounded half up to hundredths and the histogram counts every star",
        arguments: [
            ([0, 0, 0, 0, 0], nil as Int?), ([0, 0, 0, 0, 1], 500), ([1, 0, 0, 0, 2], 367), ([0, 0, 1, 1, 0], 350),
            ([1, 1, 1, 1, 1], 300), ([0, 0, 0, 1, 2], 467),
        ])
    func summary(histogram: [Int], average: Int?) {
        let summary = RatingSummary(histogram: histogram)
        #expect(summary.averageHundredths == average)
        #expect(summary.count == histogram.reduce(0, +))
    }

    @Test("a draft reports every problem with its pointer")
    func validation() {
        let problems = ReviewRules.check(
            ReviewDraft(
                rating: 6, title: "  ", body: String(repeating: "x", count: 5_001),
                photoURLs: ["http://insecure.example/a.jpg", "https://ok.example/b.jpg"]))
        #expect(Set(problems.map(\.pointer)) == ["/rating", "/title", "/body", "/photo_urls/0"])
        #expect(ReviewRules.check(ReviewDraft(rating: 4, title: "Lovely mug", body: "")).isEmpty)
    }

    @Test(
        "authors are shown by first name and initial",
        arguments: [
            ("Ada Lovelace", "Ada L."), ("Grace Brewster Hopper", "Grace H."), ("Cher", "Cher"), ("  ", "A buyer"),
        ])
    func authorName(full: String, shown: String) {
        #expect(ReviewRules.authorName(from: full) == shown)
    }
}
