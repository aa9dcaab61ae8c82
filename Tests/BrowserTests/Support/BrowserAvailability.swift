import Foundation

extension ChromeDriverService {
    /// Variable that CI sets so a missing browser fails the browser tests instead of skipping them:
    /// otherwise a broken install step would go green by running nothing.
    public static let requireBrowserVariable = "TORV_TEST_REQUIRE_BROWSER"

    /// The reason to skip browser tests, or nil to run them. For `.disabled(if:)` traits.
    public static func skipReason(environment: [String: String]? = nil) -> String? {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let required = environment[requireBrowserVariable], !required.isEmpty, required != "0" {
            return nil
        }
        return unavailableReason(environment: environment).map {
            "\($0); browser tests skipped (\(requireBrowserVariable)=1 makes this fail)"
        }
    }
}
