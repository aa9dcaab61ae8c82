/// Screens a listing against the marketplace's ``ListingPolicy`` before it is published.
///
/// A listing is **prohibited** when its title or description contains a prohibited keyword or its category
/// is, or lies below, a prohibited category; it **needs review** when, short of that, it contains a restricted
/// keyword or lies in a moderated category; otherwise it is **allowed**. A prohibited listing's reasons are
/// the prohibiting ones only: the review a moderator would have done no longer matters.
///
/// Keywords match whole words and phrases, ignoring case, accents and punctuation, and see through the common
/// ways of splitting a word (`r-e-p-l-i-c-a`, `r e p l i c a`, `r3pl1ca`); see ``ListingWords``. Reasons come
/// in policy order, title before description, so the same listing always gets the same explanation.
public enum ListingScreen {
    public static func screen(_ listing: ListingContent, against policy: ListingPolicy) -> ListingScreenOutcome {
        let fields: [(ListingField, ListingWords)] = [
            (.title, ListingWords(listing.title)), (.description, ListingWords(listing.description)),
        ]
        func keywordMatches(_ keywords: [String]) -> [(String, ListingField)] {
            keywords.flatMap { keyword in
                let phrase = ListingWords(keyword)
                return fields.filter { $0.1.contains(phrase) }.map { (keyword, $0.0) }
            }
        }
        func categoryMatches(_ categories: [String]) -> [String] {
            categories.filter(listing.categoryPath.contains)
        }

        let prohibited =
            keywordMatches(policy.prohibitedKeywords).map { ListingScreenReason.prohibitedKeyword($0, field: $1) }
            + categoryMatches(policy.prohibitedCategories).map(ListingScreenReason.prohibitedCategory)
        if !prohibited.isEmpty { return .prohibited(prohibited) }

        let review =
            keywordMatches(policy.restrictedKeywords).map { ListingScreenReason.restrictedKeyword($0, field: $1) }
            + categoryMatches(policy.moderatedCategories).map(ListingScreenReason.moderatedCategory)
        return review.isEmpty ? .allowed : .needsReview(review)
    }
}
