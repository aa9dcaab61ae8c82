import NIOHTTP1

extension WebDriverSession {
    /// The rendered, visible text, as a user would read it (hidden elements give "").
    public func text(of element: Element) async throws -> String {
        try await command(.GET, "/element/\(element.id)/text").stringValue ?? ""
    }

    /// The HTML attribute as written in the markup, or nil when absent. For what the user has typed
    /// use `value(of:)`: the `value` attribute keeps the initial value.
    public func attribute(_ name: String, of element: Element) async throws -> String? {
        try await command(.GET, "/element/\(element.id)/attribute/\(name)").stringValue
    }

    /// The DOM property, e.g. `value` or `checked`, which reflects what the user has done.
    public func property(_ name: String, of element: Element) async throws -> WebDriverJSON {
        try await command(.GET, "/element/\(element.id)/property/\(name)")
    }

    /// The current value of an input, textarea or select.
    public func value(of element: Element) async throws -> String {
        try await property("value", of: element).stringValue ?? ""
    }

    /// Checked state of a checkbox or radio, or selected state of an option.
    public func isSelected(_ element: Element) async throws -> Bool {
        try await command(.GET, "/element/\(element.id)/selected").boolValue ?? false
    }

    public func isEnabled(_ element: Element) async throws -> Bool {
        try await command(.GET, "/element/\(element.id)/enabled").boolValue ?? false
    }

    public func isDisplayed(_ element: Element) async throws -> Bool {
        try await command(.GET, "/element/\(element.id)/displayed").boolValue ?? false
    }
}
