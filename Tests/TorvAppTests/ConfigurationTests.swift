import Testing

@testable import TorvApp

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults give a SQLite file on 127.0.0.1:8080")
    func defaults() throws {
        let configuration = try TorvConfiguration.load(environment: [:], dotEnv: nil)
        #expect(configuration.databaseURL == "./torv.sqlite")
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
    }

    @Test("flags beat the environment, which beats .env")
    func precedence() throws {
        let configuration = try TorvConfiguration.load(
            overrides: ["TORV_PORT": "9000"],
            environment: ["TORV_PORT": "8500", "TORV_HOST": "0.0.0.0", "PATH": "/bin"],
            dotEnv:
                "# comment\nexport TORV_PORT=7000\nTORV_DATABASE_URL=\"postgres://u:p@db/torv\"\nTORV_HOST=10.0.0.1\n")
        #expect(configuration.port == 9000)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.databaseURL == "postgres://u:p@db/torv")
    }

    @Test("the shop's name, currency, locale and time zone are read, and nonsense refused with the rest")
    func shopSettings() throws {
        let configuration = try TorvConfiguration.load(
            environment: [
                "TORV_SHOP_NAME": "Nordic Goods", "TORV_SHOP_CURRENCY": "SEK", "TORV_SHOP_LOCALE": "sv_SE",
                "TORV_SHOP_TIME_ZONE": "Europe/Stockholm",
            ], dotEnv: nil)
        #expect(configuration.shopName == "Nordic Goods" && configuration.shopCurrency == "SEK")
        #expect(configuration.shopLocale == "sv_SE" && configuration.shopTimeZone == "Europe/Stockholm")
        do {
            _ = try TorvConfiguration.load(
                environment: [
                    "TORV_SHOP_CURRENCY": "EURO", "TORV_SHOP_LOCALE": "xx_nowhere", "TORV_SHOP_TIME_ZONE": "Mars/Base",
                ], dotEnv: nil)
            Issue.record("expected an error")
        } catch StartupError.invalidConfiguration(let problems) {
            #expect(problems.count == 3, "\(problems)")
        }
    }

    @Test("every problem is reported at once")
    func allProblemsAtOnce() {
        do {
            _ = try TorvConfiguration.load(
                environment: [
                    "TORV_PORT": "99999", "TORV_LOG_LEVEL": "loud", "TORV_DATABASE_URL": "mysql://x",
                    "TORV_PROT": "1", "TORV_WORKERS": "maybe",
                ], dotEnv: "garbage line")
            Issue.record("expected an error")
        } catch let error as StartupError {
            guard case .invalidConfiguration(let problems) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(problems.count == 6, "\(problems)")
            let text = error.description
            for fragment in [
                "TORV_PORT", "TORV_LOG_LEVEL", "TORV_DATABASE_URL", "TORV_PROT", "TORV_WORKERS", ".env line 1",
            ] {
                #expect(text.contains(fragment), "\(fragment) missing from \(text)")
            }
        } catch {
            Issue.record("wrong error \(error)")
        }
    }

    @Test(
        "PostgreSQL URLs are read in full, and bad ones refused",
        arguments: [
            ("postgres://shop:s%40cret@db.internal:6543/torv?sslmode=require", true),
            ("postgresql://localhost/torv", true), ("postgres://", false), ("postgres://h/db?sslmode=sometimes", false),
        ])
    func postgresURLs(url: String, valid: Bool) {
        let target = try? PostgresTarget(url: url)
        #expect((target != nil) == valid)
        if url.contains("s%40cret") {
            #expect(target?.password == "s@cret")
            #expect(target?.port == 6543)
            #expect(target?.database == "torv")
            #expect(target?.sslMode == "require")
        }
    }
}
