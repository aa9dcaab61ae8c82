import Foundation

/// The words of a listing's text, folded so that moderation and duplicate detection compare what a buyer
/// reads rather than how it was typed: case, accents and full-width forms fold away (`RÉPLICA` → `replica`),
/// and anything that is not a letter or digit separates words (`REPLICA!!` → `replica`).
///
/// Evaders split a banned word so that it is no longer one word; three readings of the text undo the common
/// tricks, and a phrase matches when it matches in any of them:
/// - ``plain``: every run of letters and digits (`r-e-p-l-i-c-a` → `r e p l i c a`).
/// - ``joined``: pieces glued by punctuation without a space become one word (`r-e-p-l-i-c-a` → `replica`,
///   `e-cigarette` → `ecigarette`), and three or more single letters in a row do too (`r e p l i c a`).
/// - ``deciphered``: ``joined`` with the digits that stand in for letters read as letters, in words that also
///   have a letter (`r3pl1ca` → `replica`; `2024` stays a year).
///
/// Matching is always whole words, so `class` never matches `ass`.
struct ListingWords: Sendable, Hashable {
    var plain: [String]
    var joined: [String]
    var deciphered: [String]

    init(_ text: String) {
        // Pieces glued by punctuation without whitespace, each piece a run of letters and digits.
        var compounds: [[String]] = []
        var piece = ""
        var compound: [String] = []
        var spaced = true
        for scalar in Self.fold(text).unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                piece.unicodeScalars.append(scalar)
                continue
            }
            if !piece.isEmpty {
                compound.append(piece)
                piece = ""
            }
            spaced =
                CharacterSet.whitespacesAndNewlines.contains(scalar) || CharacterSet.controlCharacters.contains(scalar)
            if spaced, !compound.isEmpty {
                compounds.append(compound)
                compound = []
            }
        }
        if !piece.isEmpty { compound.append(piece) }
        if !compound.isEmpty { compounds.append(compound) }

        plain = compounds.flatMap(\.self)
        joined = Self.joinSpacedLetters(compounds.map { $0.joined() })
        deciphered = joined.map(Self.decipher)
    }

    /// Case, accents and width folded, as a buyer would not tell them apart.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }

    /// Three or more single letters in a row are one word spelled out (`r e p l i c a`); one or two are just
    /// letters (`size S M`, `e bike`).
    static func joinSpacedLetters(_ words: [String]) -> [String] {
        var result: [String] = []
        var run: [String] = []
        func flush() {
            if run.count >= 3 { result.append(run.joined()) } else { result += run }
            run = []
        }
        for word in words {
            if word.count == 1 {
                run.append(word)
            } else {
                flush()
                result.append(word)
            }
        }
        flush()
        return result
    }

    static let lookalikes: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"]

    static func decipher(_ word: String) -> String {
        guard word.contains(where: \.isLetter), word.contains(where: \.isNumber) else { return word }
        return String(word.map { lookalikes[$0] ?? $0 })
    }

    /// Whether `phrase` occurs as whole consecutive words in any reading of this text.
    func contains(_ phrase: ListingWords) -> Bool {
        guard !phrase.plain.isEmpty else { return false }
        return Self.occurs(phrase.plain, in: plain) || Self.occurs(phrase.joined, in: joined)
            || Self.occurs(phrase.joined, in: deciphered) || Self.occurs(phrase.deciphered, in: deciphered)
    }

    static func occurs(_ phrase: [String], in words: [String]) -> Bool {
        guard !phrase.isEmpty, phrase.count <= words.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            words[start..<(start + phrase.count)].elementsEqual(phrase)
        }
    }
}
