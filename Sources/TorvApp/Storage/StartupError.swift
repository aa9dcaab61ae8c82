/// Reasons `torv` cannot start, worded for the person at the terminal.
enum StartupError: Error, CustomStringConvertible {
    case badDatabaseURL(String)
    case databaseUnreachable(String)
    case invalidConfiguration([String])

    var description: String {
        switch self {
        case .badDatabaseURL(let why): "TORV_DATABASE_URL is not usable: \(why)."
        case .databaseUnreachable(let why): "Cannot reach the database: \(why)"
        case .invalidConfiguration(let problems):
            "The configuration has \(problems.count) problem(s):\n"
                + problems.map { "  - \($0)" }.joined(separator: "\n")
        }
    }
}
