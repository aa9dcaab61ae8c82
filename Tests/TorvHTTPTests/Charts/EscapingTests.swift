import Testing

@testable import TorvHTTP

@Suite("SVG text and number output")
struct EscapingTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"&'", "&quot;&amp;&#39;"),
        ("Tom & Jerry's \"best\" <b>", "Tom &amp; Jerry&#39;s &quot;best&quot; &lt;b&gt;"),
        ("&amp;", "&amp;amp;"),
        ("€1,234.50", "€1,234.50"),
        ("Zoë 🛒 e\u{301}", "Zoë 🛒 e\u{301}"),
        ("tab\tnew\nline\r", "tab\tnew\nline\r"),
        ("nul\u{0}bell\u{7}", "nul\u{FFFD}bell\u{FFFD}"),
        ("\u{FFFE}\u{FFFF}", "\u{FFFD}\u{FFFD}"),
        ("", ""),
    ])
    func escape(input: String, expected: String) {
        #expect(SVGWriter.escape(input) == expected)
    }

    @Test(arguments: [
        (0.0, "0"),
        (-0.0, "0"),
        (-0.04, "0"),
        (640, "640"),
        (1.25, "1.3"),
        (-1.25, "-1.3"),
        (12.34, "12.3"),
        (99.96, "100"),
        (0.05, "0.1"),
        (123456.78, "123456.8"),
        (Double.nan, "0"),
        (Double.infinity, "0"),
        (-Double.infinity, "0"),
        (1e300, "100000000000000"),
    ])
    func number(value: Double, expected: String) {
        #expect(SVGWriter.number(value) == expected)
    }

    @Test(arguments: [
        ("revenue", "revenue"),
        ("orders-30d_v2", "orders-30d_v2"),
        ("a b\"c", "a-b-c"),
        ("7day", "chart-7day"),
        ("-x", "chart--x"),
        ("", "chart-"),
    ])
    func sanitizedID(raw: String, expected: String) {
        #expect(ChartLayout.sanitizedID(raw) == expected)
    }

    @Test func attributesAreEscapedAndNilOnesLeftOut() {
        var writer = SVGWriter()
        writer.leaf("g", ["class": "a\"b", "id": nil, "data-x": "<&>"])
        #expect(writer.markup == #"<g class="a&quot;b" data-x="&lt;&amp;&gt;"/>"#)
    }
}
