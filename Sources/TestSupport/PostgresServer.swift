import Foundation

/// A PostgreSQL server that tests may create and drop databases on.
public struct PostgresServer: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    /// The database to connect to for `CREATE DATABASE` and `DROP DATABASE` (usually `postgres`).
    public let adminDatabase: String

    public init(host: String, port: Int, username: String, password: String?, adminDatabase: String) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.adminDatabase = adminDatabase
    }

    /// A `postgres://` URL for `database`, for code that is configured by URL (the app's own config).
    public func url(database: String) -> String {
        var credentials = Self.percentEncoded(username)
        if let password {
            credentials += ":" + Self.percentEncoded(password)
        }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(credentials)@\(host):\(port)/\(Self.percentEncoded(database))"
    }

    /// `user@host:port/admin_db`, never the password.
    public var description: String {
        "\(username)@\(host):\(port)/\(adminDatabase)"
    }

    private static func percentEncoded(_ string: String) -> String {
        var result = ""
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

extension PostgresServer {
    /// Reads `postgres://user:password@host:port/database` (or `postgresql://`), as libpq does:
    /// port 5432, user `postgres` and database `postgres` when left out; user and password may be
    /// percent-encoded. Returns nil for anything else.
    init?(url: String) {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql",
            var host = components.host, !host.isEmpty
        else {
            return nil
        }
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        var database = components.path
        if database.hasPrefix("/") {
            database.removeFirst()
        }
        self.init(
            host: host,
            port: components.port ?? 5432,
            username: components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres",
            password: components.password,
            adminDatabase: database.isEmpty ? "postgres" : (database.removingPercentEncoding ?? database)
        )
    }
}
