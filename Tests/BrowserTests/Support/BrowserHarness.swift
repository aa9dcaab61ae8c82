/// Runs `body` with a fresh chromedriver and browser session and always tears both down, also when
/// `body` throws, so a failing test leaves no Chromium behind on a 2-core CI machine.
nonisolated(nonsending) public func withBrowserSession<Value>(
    windowWidth: Int? = nil, windowHeight: Int? = nil, mobile: Bool = false,
    _ body: (WebDriverSession) async throws -> Value
) async throws -> Value {
    let service = try await ChromeDriverService.start()
    let session: WebDriverSession
    do {
        session = try await service.newSession(windowWidth: windowWidth, windowHeight: windowHeight, mobile: mobile)
    } catch {
        await service.stop()
        throw error
    }
    do {
        let result = try await body(session)
        try await session.end()
        await service.stop()
        return result
    } catch {
        try? await session.end()
        await service.stop()
        throw error
    }
}
