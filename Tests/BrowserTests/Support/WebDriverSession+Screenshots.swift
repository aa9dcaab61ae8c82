public import Foundation
import NIOHTTP1

extension WebDriverSession {
    /// A PNG of the viewport.
    public func screenshot() async throws -> Data {
        let value = try await command(.GET, "/screenshot")
        guard let base64 = value.stringValue, let png = Data(base64Encoded: base64) else {
            throw WebDriverError.transport(command: "GET /screenshot", detail: "reply is not base64 image data")
        }
        return png
    }

    /// Writes `<name>.png` into `directory` (created if missing) and returns its URL, so a failing
    /// test can point at what the page looked like.
    @discardableResult
    public func saveScreenshot(named name: String, in directory: URL) async throws -> URL {
        let png = try await screenshot()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Test names contain spaces, slashes and parentheses; keep file names portable.
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        let file = directory.appendingPathComponent(safe.isEmpty ? "screenshot" : safe).appendingPathExtension("png")
        try png.write(to: file, options: .atomic)
        return file
    }
}
