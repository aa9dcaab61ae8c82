/// The `capabilities` body for POST /session. Kept apart from the session so the flags that make
/// Chromium behave in CI are in one reviewed place.
enum ChromeCapabilities {
    static let desktopSize = (width: 1280, height: 800)
    /// A common modern phone in CSS pixels (iPhone 12–15 class), so mobile layouts hit real breakpoints.
    static let phoneSize = (width: 390, height: 844)
    /// An Android Chrome user agent: the engine really is Chromium, so pages that sniff get the truth
    /// about the engine and only learn "Mobile".
    static let mobileUserAgent =
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        + "Chrome/126.0.0.0 Mobile Safari/537.36"

    static func make(browserBinary: String?, width: Int, height: Int, mobile: Bool) -> WebDriverJSON {
        var args: [WebDriverJSON] = [
            "--headless=new",
            // CI runs as root, where Chromium refuses to start with its sandbox.
            "--no-sandbox",
            "--disable-gpu",
            // Containers often give /dev/shm only 64 MB, which crashes renderers on larger pages.
            "--disable-dev-shm-usage",
            .string("--window-size=\(width),\(height)"),
            // Keeps screenshots and layout identical whatever the host's display scale is.
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--no-default-browser-check",
        ]
        var chromeOptions: [String: WebDriverJSON] = [:]
        if mobile {
            args.append(.string("--user-agent=\(mobileUserAgent)"))
            // Emulation also sets touch support and the viewport, which a UA string alone does not.
            chromeOptions["mobileEmulation"] = [
                "deviceMetrics": [
                    "width": .number(Double(width)), "height": .number(Double(height)), "pixelRatio": 1,
                    "touch": true,
                ],
                "userAgent": .string(mobileUserAgent),
            ]
        }
        chromeOptions["args"] = .array(args)
        if let browserBinary { chromeOptions["binary"] = .string(browserBinary) }

        return [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": .object(chromeOptions),
                    // Milliseconds, per spec; explicit so a hung page fails a test instead of stalling CI.
                    "timeouts": ["pageLoad": 30_000, "script": 30_000, "implicit": 0],
                    "unhandledPromptBehavior": "dismiss and notify",
                ]
            ]
        ]
    }
}
