import Testing

@testable import Catalog

@Suite("Media URLs")
struct MediaURLTests {
    @Test(
        "web URLs and paths on the shop are accepted; other schemes and protocol-relative URLs are not",
        arguments: [
            ("https://cdn.example.com/a.jpg", true), ("http://example.com/b.png", true), ("/media/demo/tee.svg", true),
            ("//evil.example/x.svg", false), ("javascript:alert(1)", false), ("ftp://example.com/a.jpg", false),
            ("media/tee.svg", false), ("", false),
        ])
    func mediaURLs(url: String, accepted: Bool) {
        #expect(ProductRules.isWebURL(url) == accepted)
    }
}
