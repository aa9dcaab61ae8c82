extension DuplicateListing {
    /// How alike two titles are, in per mille: the share of their distinct words they have in common (Jaccard),
    /// rounded down. Symmetric; 1000 for titles with the same words in any order, case or punctuation.
    ///
    /// Words are folded like moderation's (``ListingWords``), numbers are split from units (`256GB` is `256 gb`,
    /// as sellers write both), and filler words (`the`, `new`, `with`, `für` …) are dropped unless the title is
    /// nothing else. A title with no letters or digits is like nothing, not even itself: there is no evidence.
    public static func titleSimilarity(_ lhs: String, _ rhs: String) -> Int {
        similarity(titleWords(lhs), titleWords(rhs))
    }

    static func similarity(_ lhs: Set<String>, _ rhs: Set<String>) -> Int {
        let union = lhs.union(rhs).count
        guard union > 0 else { return 0 }
        return lhs.intersection(rhs).count * 1_000 / union
    }

    static func titleWords(_ title: String) -> Set<String> {
        let words = ListingWords(title).plain.flatMap(splitDigits)
        let meaningful = words.filter { !stopWords.contains($0) }
        return Set(meaningful.isEmpty ? words : meaningful)
    }

    /// `256gb` → `256`, `gb`; `s24` → `s`, `24`.
    static func splitDigits(_ word: String) -> [String] {
        var parts: [String] = []
        var current = ""
        for character in word {
            if let last = current.last, last.isNumber != character.isNumber {
                parts.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// Words that say nothing about which product it is, in the marketplace's main languages (English, German).
    static let stopWords: Set<String> = [
        "a", "an", "and", "at", "by", "for", "from", "in", "new", "of", "on", "or", "the", "to", "with",
        "der", "die", "das", "ein", "eine", "fur", "mit", "neu", "und",
    ]
}
