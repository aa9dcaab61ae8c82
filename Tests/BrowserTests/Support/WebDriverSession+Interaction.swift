import NIOHTTP1

extension WebDriverSession {
    /// Clicks the element's centre as a user would; the driver scrolls it into view and fails with
    /// `element click intercepted` if something covers it, which is usually a real layout bug.
    public func click(_ element: Element) async throws {
        try await command(.POST, "/element/\(element.id)/click")
    }

    /// Clears the field, then types `text` key by key so input and change events fire as for a user.
    public func type(_ text: String, into element: Element) async throws {
        try await clear(element)
        try await sendKeys(text, to: element)
    }

    public func clear(_ element: Element) async throws {
        try await command(.POST, "/element/\(element.id)/clear")
    }

    /// Types without clearing first; `text` may hold WebDriver key codes such as `Key.enter`.
    public func sendKeys(_ text: String, to element: Element) async throws {
        try await command(.POST, "/element/\(element.id)/value", ["text": .string(text)])
    }

    /// Submits the element's form the way a user does, by pressing Enter in a field (implicit submission).
    public func pressEnter(in element: Element) async throws {
        try await sendKeys(Key.enter, to: element)
    }

    /// Picks the `<option>` of `select` whose visible text (trimmed) equals `visibleText`.
    public func select(visibleText: String, in select: Element) async throws {
        try await selectOption(in: select, wanted: visibleText) { session, option in
            try await session.text(of: option).trimmingWhitespace() == visibleText
        }
    }

    /// Picks the `<option>` of `select` whose `value` equals `value`.
    public func select(value: String, in select: Element) async throws {
        try await selectOption(in: select, wanted: value) { session, option in
            try await session.value(of: option) == value
        }
    }

    // Clicking the option is the spec's way to select it (Element Click handles <option> specially),
    // which also fires the change event without any script of ours.
    private func selectOption(
        in select: Element, wanted: String, matches: (WebDriverSession, Element) async throws -> Bool
    ) async throws {
        let options = try await findAll("option", in: select)
        for option in options where try await matches(self, option) {
            try await click(option)
            return
        }
        var available: [String] = []
        for option in options {
            available.append(try await text(of: option).trimmingWhitespace())
        }
        throw WebDriverError.optionNotFound(wanted: wanted, available: available)
    }
}

/// WebDriver key codes (W3C WebDriver §17.4.2) for use inside `sendKeys` text.
public enum Key {
    public static let enter = "\u{E007}"
    public static let tab = "\u{E004}"
    public static let escape = "\u{E00C}"
    public static let backspace = "\u{E003}"
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}

extension WebDriverSession {
    /// Clicks a link or submit button and waits until the browser has left the current document.
    /// A plain `click` returns before the next page replaces this one, so a `find` right after it can
    /// match an element of the page being left and then fail on it as a stale element.
    public func clickToNextPage(_ element: Element) async throws {
        let leaving = try await find("html")
        try await click(element)
        try await waitUntil("the next page to replace the one clicked on") {
            do {
                _ = try await command(.GET, "/element/\(leaving.id)/name")
                return false
            } catch let error as WebDriverError
                where error.code == "stale element reference" || error.code == "no such element"
            {
                return true
            }
        }
    }
}
