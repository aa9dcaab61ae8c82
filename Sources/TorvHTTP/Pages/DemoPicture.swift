import Foundation

/// Product pictures for the demo shop, drawn as SVG from the product's handle: a calm colour picked
/// from the handle's hash and the product's name. The demo then needs no image files and no network,
/// and its image URLs are real URLs like any shop's.
enum DemoPicture {
    static let palette = [
        ("#e8ded1", "#5b4a3a"), ("#d9e4dd", "#2f4a3c"), ("#dde3ec", "#2d3d57"), ("#efe2d0", "#6a4b22"),
        ("#e4dcea", "#46365a"), ("#f1dcd5", "#6b3428"), ("#dfe8e8", "#244b4b"), ("#ecebdc", "#4b4a24"),
    ]

    /// `nordic-tee.svg` → the picture, or nil for anything that is not a plain handle.
    static func svg(file: String) -> String? {
        guard file.hasSuffix(".svg") else { return nil }
        let handle = String(file.dropLast(4))
        guard !handle.isEmpty, handle.count <= 120,
            handle.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" })
        else { return nil }
        let words = handle.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        // FNV-1a: stable across runs and machines, unlike Swift's seeded Hasher.
        var hash: UInt32 = 2_166_136_261
        for byte in handle.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        let (background, ink) = palette[Int(hash % UInt32(palette.count))]
        let initials = words.prefix(2).compactMap(\.first).map(String.init).joined()
        let title = words.joined(separator: " ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" role="img" aria-label="\(title)">\
            <rect width="800" height="800" fill="\(background)"/>\
            <circle cx="400" cy="360" r="190" fill="none" stroke="\(ink)" stroke-width="6" opacity="0.35"/>\
            <text x="400" y="410" text-anchor="middle" font-family="Georgia, serif" font-size="150" \
            fill="\(ink)">\(initials)</text>\
            <text x="400" y="660" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="44" \
            fill="\(ink)">\(title)</text></svg>
            """
    }
}
