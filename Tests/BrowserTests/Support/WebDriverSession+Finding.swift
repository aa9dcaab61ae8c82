import Foundation
import NIOHTTP1

extension WebDriverSession {
    /// Waits up to `timeout` (default `defaultTimeout`) for `css` to match, then returns the first match.
    /// Errors other than "no such element" (e.g. an invalid selector) are thrown at once.
    public func find(_ css: String, in parent: Element? = nil, timeout: Duration? = nil) async throws -> Element {
        let wait = timeout ?? defaultTimeout
        let deadline = ContinuousClock.now.advanced(by: wait)
        while true {
            do {
                return try await findOnce(css, in: parent)
            } catch let error as WebDriverError where error.code == "no such element" {
                guard ContinuousClock.now < deadline else {
                    let url = (try? await currentURL().absoluteString) ?? "<unknown URL>"
                    throw WebDriverError.elementNotFound(selector: css, url: url, timeout: wait)
                }
                try await Task.sleep(for: pollInterval)
            }
        }
    }

    /// All current matches, without waiting: an empty page is a legitimate answer here.
    public func findAll(_ css: String, in parent: Element? = nil) async throws -> [Element] {
        let value = try await command(.POST, scope(parent) + "/elements", locator(css))
        guard let items = value.arrayValue else {
            throw WebDriverError.transport(command: "find elements '\(css)'", detail: "not an array: \(value)")
        }
        return try items.map { item in
            guard let element = Element(json: item, selector: css) else {
                throw WebDriverError.transport(command: "find elements '\(css)'", detail: "not an element: \(item)")
            }
            return element
        }
    }

    /// Whether `css` matches right now; for asserting absence without paying a `find` timeout.
    public func exists(_ css: String, in parent: Element? = nil) async throws -> Bool {
        try await !findAll(css, in: parent).isEmpty
    }

    private func findOnce(_ css: String, in parent: Element?) async throws -> Element {
        let value = try await command(.POST, scope(parent) + "/element", locator(css))
        guard let element = Element(json: value, selector: css) else {
            throw WebDriverError.transport(command: "find element '\(css)'", detail: "not an element: \(value)")
        }
        return element
    }

    private func scope(_ parent: Element?) -> String {
        parent.map { "/element/\($0.id)" } ?? ""
    }

    private func locator(_ css: String) -> WebDriverJSON {
        ["using": "css selector", "value": .string(css)]
    }
}
