import Reviews
import Testing
import TorvCore

@Suite("Seller review rules")
struct SellerReviewRulesTests {
    @Test("a seller review reports every problem with its pointer")
    func review() {
        let problems = SellerReviewRules.check(
            SellerReviewDraft(
                rating: 0, body: " ", photoURLs: ["http://insecure.example/a.jpg", "https://ok.example/b.jpg"]))
        #expect(Set(problems.map(\.pointer)) == ["/rating", "/body", "/photo_urls/0"])
        #expect(SellerReviewRules.check(SellerReviewDraft(rating: 5, body: "Fast and friendly.")).isEmpty)
        let tooMany = SellerReviewDraft(
            rating: 3, body: "ok", photoURLs: Array(repeating: "https://ok.example/b.jpg", count: 6))
        #expect(SellerReviewRules.check(tooMany).map(\.pointer) == ["/photo_urls"])
    }

    @Test("a reply is 1 to 2,000 characters; a buyer rating 1 to 5 stars with at most a line of text")
    func replyAndBuyerRating() {
        #expect(SellerReviewRules.checkReply("  ").map(\.pointer) == ["/reply"])
        #expect(SellerReviewRules.checkReply(String(repeating: "x", count: 2_001)).map(\.pointer) == ["/reply"])
        #expect(SellerReviewRules.checkReply("Thank you!").isEmpty)
        #expect(SellerReviewRules.checkBuyerRating(rating: 5, body: "").isEmpty)
        #expect(
            Set(SellerReviewRules.checkBuyerRating(rating: 6, body: String(repeating: "x", count: 281)).map(\.pointer))
                == ["/rating", "/body"])
    }
}
