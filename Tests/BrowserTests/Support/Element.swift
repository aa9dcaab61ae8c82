/// A W3C web element reference. Only meaningful inside the session that returned it; after a
/// navigation the driver answers `stale element reference`, so look elements up again.
public struct Element: Sendable, Hashable, CustomStringConvertible {
    /// The spec's fixed key for element references in JSON (W3C WebDriver §12.1).
    static let jsonKey = "element-6066-11e4-a52e-4f735466cecf"

    public let id: String
    /// The selector that found it; kept only so failures can say which element was meant.
    public let selector: String

    init(id: String, selector: String) {
        self.id = id
        self.selector = selector
    }

    init?(json: WebDriverJSON, selector: String) {
        guard let id = json[Self.jsonKey]?.stringValue else { return nil }
        self.init(id: id, selector: selector)
    }

    var json: WebDriverJSON { [Self.jsonKey: .string(id)] }

    public var description: String { "element '\(selector)'" }

    public static func == (lhs: Element, rhs: Element) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
