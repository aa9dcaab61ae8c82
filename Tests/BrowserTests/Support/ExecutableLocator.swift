import Foundation

/// Finds chromedriver and the browser. Environment variables come first so CI and developers with
/// an unusual install can point at exact binaries; a set-but-wrong variable is reported, not ignored.
enum ExecutableLocator {
    static let driverVariable = "TORV_TEST_CHROMEDRIVER"
    static let browserVariable = "TORV_TEST_CHROMIUM"

    static func driverAndBrowser(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> (driver: String, browser: String) {
        let driver = try locate(
            what: "chromedriver", variable: driverVariable, names: ["chromedriver"],
            fallbacks: ["/usr/bin/chromedriver"], environment: environment)
        let browser = try locate(
            what: "Chromium/Chrome", variable: browserVariable,
            names: ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"], fallbacks: [],
            environment: environment)
        return (driver, browser)
    }

    private static func locate(
        what: String, variable: String, names: [String], fallbacks: [String], environment: [String: String]
    ) throws -> String {
        if let explicit = environment[variable], !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw WebDriverError.driverUnavailable("\(variable)=\(explicit) is not an executable file")
            }
            return explicit
        }
        let directories = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates = names.flatMap { name in directories.map { "\($0)/\(name)" } } + fallbacks
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw WebDriverError.driverUnavailable(
            "\(what) not found (set \(variable), or install it: apt-get install chromium chromium-driver)")
    }
}
