/// Accumulates SVG markup. Attribute values and text only enter through `escape`, so no call site can forget it,
/// and geometry only enters through `number`, so the output is the same bytes on every machine and locale.
struct SVGWriter {
    private(set) var markup = ""

    /// Escapes the five XML specials, so the same text is safe in element content and in quoted attributes.
    /// Characters that XML 1.0 forbids even when escaped become U+FFFD: one stray control character in a
    /// product name would otherwise make the whole SVG malformed.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            // Numeric rather than &apos;, which HTML 4 era parsers do not know.
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(isXMLCharacter(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// One decimal place, rounded half away from zero, with no locale and no exponent notation.
    /// Non-finite input cannot be drawn, so it collapses to 0 rather than leaking "nan" into an attribute.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Clamped so the Int conversion cannot trap; no chart coordinate comes anywhere near this.
        let tenths = Int(min(max((value * 10).rounded(.toNearestOrAwayFromZero), -1e15), 1e15))
        let magnitude = tenths.magnitude
        let sign = tenths < 0 ? "-" : ""
        let fraction = magnitude % 10
        return fraction == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(fraction)"
    }

    /// An attribute whose value is `nil` is left out, which keeps optional classes out of the call sites.
    mutating func element(
        _ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
        content: (inout SVGWriter) -> Void
    ) {
        openTag(name, attributes)
        markup += ">"
        content(&self)
        markup += "</\(name)>"
    }

    mutating func leaf(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        openTag(name, attributes)
        markup += "/>"
    }

    mutating func textElement(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], text: String) {
        element(name, attributes) { $0.markup += Self.escape(text) }
    }

    private mutating func openTag(_ name: String, _ attributes: KeyValuePairs<String, String?>) {
        markup += "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            markup += " \(key)=\"\(Self.escape(value))\""
        }
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: scalar.value != 0xFFFE
        case 0x10000...0x10FFFF: true
        default: false
        }
    }
}

// Geometry helpers: every coordinate goes through `number`, so none can be written unformatted.
extension SVGWriter {
    mutating func rect(_ cssClass: String, x: Double, y: Double, width: Double, height: Double) {
        let n = Self.number
        leaf("rect", ["class": cssClass, "x": n(x), "y": n(y), "width": n(width), "height": n(height)])
    }

    mutating func line(_ cssClass: String, x1: Double, y1: Double, x2: Double, y2: Double) {
        let n = Self.number
        leaf("line", ["class": cssClass, "x1": n(x1), "y1": n(y1), "x2": n(x2), "y2": n(y2)])
    }

    mutating func circle(_ cssClass: String, cx: Double, cy: Double, r: Double) {
        let n = Self.number
        leaf("circle", ["class": cssClass, "cx": n(cx), "cy": n(cy), "r": n(r)])
    }

    mutating func polyline(_ cssClass: String, points: [(x: Double, y: Double)]) {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        leaf("polyline", ["class": cssClass, "points": list])
    }

    mutating func label(_ cssClass: String, x: Double, y: Double, _ content: String) {
        textElement("text", ["class": cssClass, "x": Self.number(x), "y": Self.number(y)], text: content)
    }

    /// A group whose `<title>` is the browser's hover tooltip for everything drawn inside it.
    mutating func tooltipGroup(_ cssClass: String, tooltip: String, content: (inout SVGWriter) -> Void) {
        element("g", ["class": cssClass]) { writer in
            writer.textElement("title", text: tooltip)
            content(&writer)
        }
    }
}
