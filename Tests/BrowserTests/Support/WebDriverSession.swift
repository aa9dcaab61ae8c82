public import Foundation
import NIOHTTP1

/// One browser session on a W3C WebDriver server (chromedriver). An actor so a test can hand it to
/// helpers and tasks freely; every call is one HTTP round trip, so actor hops cost nothing that matters.
public actor WebDriverSession {
    public nonisolated let id: String
    public nonisolated let driverURL: URL
    let transport: WebDriverTransport
    private var ended = false

    /// How long `find` waits for a selector to match, because pages keep rendering after navigation.
    public var defaultTimeout: Duration = .seconds(10)
    let pollInterval: Duration = .milliseconds(100)

    private init(id: String, driverURL: URL, transport: WebDriverTransport) {
        self.id = id
        self.driverURL = driverURL
        self.transport = transport
    }

    /// Starts headless Chromium through the driver at `driver`. Without a size the window is 1280x800,
    /// or 390x844 with a mobile user agent and touch emulation when `mobile` is true.
    public static func start(
        driver: URL, browserBinary: String? = nil, windowWidth: Int? = nil, windowHeight: Int? = nil,
        mobile: Bool = false
    ) async throws -> WebDriverSession {
        let fallback = mobile ? ChromeCapabilities.phoneSize : ChromeCapabilities.desktopSize
        let capabilities = ChromeCapabilities.make(
            browserBinary: browserBinary, width: windowWidth ?? fallback.width,
            height: windowHeight ?? fallback.height, mobile: mobile)
        let transport = WebDriverTransport(baseURL: driver)
        let reply = try await transport.send(.POST, "/session", capabilities)
        guard let id = reply["sessionId"]?.stringValue else {
            throw WebDriverError.transport(command: "POST /session", detail: "reply has no sessionId: \(reply)")
        }
        return WebDriverSession(id: id, driverURL: driver, transport: transport)
    }

    public func setDefaultTimeout(_ timeout: Duration) {
        defaultTimeout = timeout
    }

    /// Sends a command scoped to this session; `path` starts with "/" or is empty.
    @discardableResult
    func command(_ method: HTTPMethod, _ path: String, _ body: WebDriverJSON? = nil) async throws -> WebDriverJSON {
        try await transport.send(method, "/session/\(id)\(path)", body)
    }

    /// Closes the browser. Safe to call twice, so tests can call it in both the happy path and cleanup.
    public func end() async throws {
        guard !ended else { return }
        ended = true
        do {
            try await command(.DELETE, "")
        } catch let error as WebDriverError where error.code == "invalid session id" {
            // Already gone (the browser crashed or the driver was stopped): the goal is met.
        }
    }

    // MARK: Navigation

    /// Navigates and waits for the page load, as the spec's Navigate To does.
    public func open(_ url: URL) async throws {
        try await command(.POST, "/url", ["url": .string(url.absoluteString)])
    }

    public func currentURL() async throws -> URL {
        let value = try await command(.GET, "/url")
        guard let text = value.stringValue, let url = URL(string: text) else {
            throw WebDriverError.transport(command: "GET /url", detail: "not a URL: \(value)")
        }
        return url
    }

    public func title() async throws -> String {
        try await command(.GET, "/title").stringValue ?? ""
    }

    public func back() async throws {
        try await command(.POST, "/back")
    }

    public func refresh() async throws {
        try await command(.POST, "/refresh")
    }

    public func pageSource() async throws -> String {
        try await command(.GET, "/source").stringValue ?? ""
    }

    /// Runs a script in the page. An extra for diagnostics: core actions never depend on it, because
    /// pages under test forbid inline scripts and the client must behave like a user.
    @discardableResult
    public func execute(_ script: String, _ arguments: [WebDriverJSON] = []) async throws -> WebDriverJSON {
        try await command(.POST, "/execute/sync", ["script": .string(script), "args": .array(arguments)])
    }
}
