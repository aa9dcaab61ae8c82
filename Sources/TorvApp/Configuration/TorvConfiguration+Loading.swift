import Foundation
import Logging
import TorvCore

extension TorvConfiguration {
    /// Merges the sources and validates the result, reporting every problem at once.
    /// - Parameters:
    ///   - overrides: values from command-line flags, keyed by their environment name.
    ///   - environment: the process environment.
    ///   - dotEnv: the text of `.env`, if there is one.
    public static func load(
        overrides: [String: String] = [:], environment: [String: String], dotEnv: String?
    ) throws -> TorvConfiguration {
        var problems: [String] = []
        var values: [String: String] = [:]
        if let dotEnv {
            let (parsed, parseProblems) = parseDotEnv(dotEnv)
            values.merge(parsed) { _, new in new }
            problems += parseProblems
        }
        values.merge(environment.filter { $0.key.hasPrefix("TORV_") }) { _, new in new }
        values.merge(overrides) { _, new in new }

        let known = Set(keys)
        // Test and tool variables share the prefix but are not server settings (`TORV_TEST_*` belong to
        // the test suites: PostgreSQL, the browser journeys).
        let ignored: Set<String> = ["TORV_ADMIN_PASSWORD"]
        for key in values.keys.sorted()
        where !known.contains(key) && !ignored.contains(key) && !key.hasPrefix("TORV_TEST_") {
            problems.append("\(key) is not a setting (known: \(keys.joined(separator: ", ")))")
        }

        var configuration = TorvConfiguration()
        func integer(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let text = values[key] else { return }
            guard let value = Int(text), range.contains(value) else {
                problems.append("\(key)=\(text) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                return
            }
            apply(value)
        }
        if let url = values["TORV_DATABASE_URL"] {
            if url.isEmpty {
                problems.append("TORV_DATABASE_URL is empty")
            } else if url.contains("://"),
                !["sqlite://", "postgres://", "postgresql://"].contains(where: url.hasPrefix)
            {
                problems.append("TORV_DATABASE_URL must be a SQLite path, sqlite://path or postgres://…")
            } else {
                configuration.databaseURL = url
            }
        }
        if let host = values["TORV_HOST"] {
            if host.isEmpty || host.contains(where: \.isWhitespace) {
                problems.append("TORV_HOST=\(host) is not a host name or address")
            } else {
                configuration.host = host
            }
        }
        integer("TORV_PORT", 1...65535) { configuration.port = $0 }
        if let level = values["TORV_LOG_LEVEL"] {
            if let parsed = Logger.Level(rawValue: level.lowercased()) {
                configuration.logLevel = parsed
            } else {
                problems.append(
                    "TORV_LOG_LEVEL=\(level) must be one of trace, debug, info, notice, warning, error, critical")
            }
        }
        integer("TORV_BCRYPT_COST", 4...31) { configuration.bcryptCost = $0 }
        integer("TORV_MAX_BODY_BYTES", 1024...(64 << 20)) { configuration.maxBodyBytes = $0 }
        integer("TORV_RATE_LIMIT_PER_IP", 1...1_000_000) { configuration.rateLimitPerIP = $0 }
        integer("TORV_RATE_LIMIT_PER_PRINCIPAL", 1...1_000_000) { configuration.rateLimitPerPrincipal = $0 }
        integer("TORV_DB_MAX_CONNECTIONS", 1...500) { configuration.databaseMaxConnections = $0 }
        integer("TORV_FLASH_SALE_LIMIT_PER_IP", 1...1_000_000) { configuration.flashSaleLimitPerIP = $0 }
        integer("TORV_FLASH_SALE_LIMIT_PER_ACCOUNT", 1...1_000_000) { configuration.flashSaleLimitPerAccount = $0 }
        integer("TORV_PRODUCT_PAGE_CACHE_SECONDS", 0...300) { configuration.productPageCacheSeconds = $0 }
        if let name = values["TORV_SHOP_NAME"] {
            if name.trimmingCharacters(in: .whitespaces).isEmpty || name.count > 80 {
                problems.append("TORV_SHOP_NAME must be 1 to 80 characters")
            } else {
                configuration.shopName = name
            }
        }
        if let code = values["TORV_SHOP_CURRENCY"] {
            if Currency(code: code) == nil {
                problems.append("TORV_SHOP_CURRENCY=\(code) is not an ISO 4217 currency code")
            } else {
                configuration.shopCurrency = code
            }
        }
        if let locale = values["TORV_SHOP_LOCALE"] {
            if Locale.availableIdentifiers.contains(locale) {
                configuration.shopLocale = locale
            } else {
                problems.append("TORV_SHOP_LOCALE=\(locale) is not a known locale (e.g. en_IE, de_DE, sv_SE)")
            }
        }
        if let zone = values["TORV_SHOP_TIME_ZONE"] {
            if TimeZone(identifier: zone) == nil {
                problems.append("TORV_SHOP_TIME_ZONE=\(zone) is not an IANA time zone (e.g. Europe/Berlin)")
            } else {
                configuration.shopTimeZone = zone
            }
        }
        if let workers = values["TORV_WORKERS"] {
            switch workers.lowercased() {
            case "1", "true", "yes", "on": configuration.runWorkers = true
            case "0", "false", "no", "off": configuration.runWorkers = false
            default: problems.append("TORV_WORKERS=\(workers) must be true or false")
            }
        }
        guard problems.isEmpty else { throw StartupError.invalidConfiguration(problems) }
        return configuration
    }

    /// `KEY=value` lines; `#` comments, blank lines, an optional `export ` and quotes are allowed.
    static func parseDotEnv(_ text: String) -> ([String: String], [String]) {
        var values: [String: String] = [:]
        var problems: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append(".env line \(index + 1) is not KEY=value")
                continue
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return (values, problems)
    }

    /// Reads `.env` from the working directory when present.
    public static func loadFromProcess(overrides: [String: String] = [:]) throws -> TorvConfiguration {
        let dotEnv = try? String(contentsOfFile: ".env", encoding: .utf8)
        return try load(overrides: overrides, environment: ProcessInfo.processInfo.environment, dotEnv: dotEnv)
    }
}
