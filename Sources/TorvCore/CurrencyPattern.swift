/// The parts of an ICU/CLDR currency pattern such as `"¤#,##0.00"` or `"#,##0.00 ¤"` that Torv uses: the
/// text around the number and the grouping sizes. The number part itself is ignored, since the digits and
/// decimals come from the amount and the ISO exponent.
struct CurrencyPattern {
    enum Token {
        case literal(String)
        /// `¤` is the symbol; `¤¤` is the ISO code.
        case currency(width: Int)
        case minus
    }

    var prefix: [Token] = []
    var suffix: [Token] = []
    var primaryGroup = 0
    var secondaryGroup = 0

    var hasMinusSign: Bool {
        (prefix + suffix).contains { if case .minus = $0 { true } else { false } }
    }

    init(_ pattern: String) {
        var numberPart = ""
        var seenNumber = false
        var inQuote = false
        var characters = pattern[...]
        while let character = characters.popFirst() {
            if character == "'" {
                if characters.first == "'" {
                    characters.removeFirst()
                    append(.literal("'"), afterNumber: seenNumber)
                } else {
                    inQuote.toggle()
                }
                continue
            }
            if inQuote {
                append(.literal(String(character)), afterNumber: seenNumber)
            } else if "#0123456789,.@".contains(character), suffix.isEmpty {
                seenNumber = true
                numberPart.append(character)
            } else if character == "¤" {
                var width = 1
                while characters.first == "¤" {
                    characters.removeFirst()
                    width += 1
                }
                append(.currency(width: width), afterNumber: seenNumber)
            } else if character == "-" {
                append(.minus, afterNumber: seenNumber)
            } else {
                append(.literal(String(character)), afterNumber: seenNumber)
            }
        }
        let integerPart = numberPart.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count >= 2 {
            primaryGroup = groups[groups.count - 1].count
            secondaryGroup = groups.count >= 3 ? groups[groups.count - 2].count : primaryGroup
        }
    }

    private mutating func append(_ token: Token, afterNumber: Bool) {
        if afterNumber { suffix.append(token) } else { prefix.append(token) }
    }

    /// Resolves the tokens for one currency, adding the no-break space ICU puts between a letter-like symbol
    /// and the digits ("CHF 12.99" but "$12.99"), per CLDR's currency spacing rule.
    func affixes(symbol: String, code: String, minusSign: String) -> CurrencyStyle.Affixes {
        func text(_ tokens: [Token]) -> String {
            tokens.map { token in
                switch token {
                case .literal(let text): text
                case .currency(let width): width == 1 ? symbol : code
                case .minus: minusSign
                }
            }.joined()
        }
        var prefixText = text(prefix)
        var suffixText = text(suffix)
        if case .currency(let width) = prefix.last, Self.needsSpacing(width == 1 ? symbol : code, atEnd: true) {
            prefixText += "\u{00A0}"
        }
        if case .currency(let width) = suffix.first, Self.needsSpacing(width == 1 ? symbol : code, atEnd: false) {
            suffixText = "\u{00A0}" + suffixText
        }
        return CurrencyStyle.Affixes(prefix: prefixText, suffix: suffixText)
    }

    /// CLDR: insert a space when the symbol's character next to the number is neither a symbol nor a
    /// separator (`[[:^S:]&[:^Z:]]`).
    private static func needsSpacing(_ symbol: String, atEnd: Bool) -> Bool {
        guard let scalar = atEnd ? symbol.unicodeScalars.last : symbol.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol,
            .spaceSeparator, .lineSeparator, .paragraphSeparator:
            return false
        default:
            return true
        }
    }
}
