import Foundation
public import TorvCore

/// What a seller review, a seller's reply and a rating of a buyer must be.
public enum SellerReviewRules {
    public static let maximumBody = 5_000
    public static let maximumReply = 2_000
    /// A buyer rating is a line, not a letter.
    public static let maximumBuyerNote = 280

    public static func check(_ draft: SellerReviewDraft) -> [FieldError] {
        var v = Validator()
        v.check((1...5).contains(draft.rating), "/rating", "must be 1 to 5 stars", code: "out_of_range")
        let body = draft.body.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check(
            (1...maximumBody).contains(body.count), "/body", "must be 1 to \(maximumBody) characters",
            code: "invalid_length")
        v.check(
            draft.photoURLs.count <= ReviewRules.maximumPhotos, "/photo_urls",
            "at most \(ReviewRules.maximumPhotos) photos", code: "too_many")
        for (index, url) in draft.photoURLs.enumerated() {
            v.check(
                ReviewRules.isPhotoAddress(url), "/photo_urls/\(index)", "must be an https address",
                code: "invalid_url")
        }
        return v.errors
    }

    public static func checkReply(_ text: String) -> [FieldError] {
        var v = Validator()
        let reply = text.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check(
            (1...maximumReply).contains(reply.count), "/reply", "must be 1 to \(maximumReply) characters",
            code: "invalid_length")
        return v.errors
    }

    public static func checkBuyerRating(rating: Int, body: String) -> [FieldError] {
        var v = Validator()
        v.check((1...5).contains(rating), "/rating", "must be 1 to 5 stars", code: "out_of_range")
        v.check(
            body.trimmingCharacters(in: .whitespacesAndNewlines).count <= maximumBuyerNote, "/body",
            "must be at most \(maximumBuyerNote) characters", code: "too_long")
        return v.errors
    }
}
