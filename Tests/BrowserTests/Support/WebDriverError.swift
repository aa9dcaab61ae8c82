/// Everything the client can fail with. Each case carries enough context (selector, URL, W3C error
/// code) that a failing browser test explains itself without re-running it under a debugger.
public enum WebDriverError: Error, Sendable, Equatable {
    /// The driver answered a command with a W3C error object (`value.error`, `value.message`).
    case command(code: String, message: String, command: String)
    /// `find` polled until its timeout and the selector never matched.
    case elementNotFound(selector: String, url: String, timeout: Duration)
    /// A `<select>` had no option with the wanted visible text or value.
    case optionNotFound(wanted: String, available: [String])
    /// `waitUntil` ran out of time.
    case timedOut(what: String, after: Duration)
    /// The driver could not be reached, or its reply was not the JSON the spec promises.
    case transport(command: String, detail: String)
    /// chromedriver or the browser could not be found or started.
    case driverUnavailable(String)

    /// The W3C error code, e.g. `no such element` or `invalid session id`, when the driver sent one.
    public var code: String? {
        switch self {
        case .command(let code, _, _): code
        case .elementNotFound: "no such element"
        default: nil
        }
    }
}

extension WebDriverError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .command(let code, let message, let command):
            "WebDriver error '\(code)' for \(command): \(Self.firstLine(of: message))"
        case .elementNotFound(let selector, let url, let timeout):
            "No element matches CSS selector '\(selector)' on \(url) after waiting \(timeout)"
        case .optionNotFound(let wanted, let available):
            "No <option> with text or value '\(wanted)'; options are \(available)"
        case .timedOut(let what, let after):
            "Timed out after \(after) waiting for \(what)"
        case .transport(let command, let detail):
            "WebDriver transport failure for \(command): \(detail)"
        case .driverUnavailable(let reason):
            "WebDriver unavailable: \(reason)"
        }
    }

    // chromedriver appends a multi-line "(Session info: …)" block; the first line is the useful part.
    private static func firstLine(of message: String) -> String {
        message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? message
    }
}
