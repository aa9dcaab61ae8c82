import Foundation
public import TorvCore

/// What a review must be before moderation sees it.
public enum ReviewRules {
    public static let maximumTitle = 120
    public static let maximumBody = 5_000
    public static let maximumPhotos = 5

    public static func check(_ draft: ReviewDraft) -> [FieldError] {
        var v = Validator()
        v.check((1...5).contains(draft.rating), "/rating", "must be 1 to 5 stars", code: "out_of_range")
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        v.check(
            (1...maximumTitle).contains(title.count), "/title", "must be 1 to \(maximumTitle) characters",
            code: "invalid_length")
        v.check(
            draft.body.count <= maximumBody, "/body", "must be at most \(maximumBody) characters", code: "too_long")
        v.check(
            draft.photoURLs.count <= maximumPhotos, "/photo_urls", "at most \(maximumPhotos) photos",
            code: "too_many")
        for (index, url) in draft.photoURLs.enumerated() {
            v.check(isPhotoAddress(url), "/photo_urls/\(index)", "must be an https address", code: "invalid_url")
        }
        return v.errors
    }

    static func isPhotoAddress(_ text: String) -> Bool {
        guard text.count <= 2_000, let url = URL(string: text), url.scheme == "https", let host = url.host(),
            !host.isEmpty
        else { return false }
        return true
    }

    /// "Ada Lovelace" → "Ada L.": enough to be a person, not enough to find them.
    public static func authorName(from fullName: String) -> String {
        let parts = fullName.split(whereSeparator: \.isWhitespace)
        guard let first = parts.first else { return "A buyer" }
        guard parts.count > 1, let initial = parts.last?.first else { return String(first) }
        return "\(first) \(initial)."
    }
}
