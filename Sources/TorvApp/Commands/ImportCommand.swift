import ArgumentParser
import Catalog
import Flows
import Foundation
import Persistence

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data from files.", subcommands: [Products.self])

    struct Products: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "products",
            abstract: "Import products, variants and base prices from a CSV file (one row per variant).",
            discussion: """
                With --dry-run nothing is written and every bad row is listed by line and column. \
                A real import writes every row or, if any row is bad, nothing.
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(name: .customLong("dry-run"), help: "Check the file and report; write nothing.") var dryRun = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("Cannot read \(file).")
            }
            guard let csv = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(file) is not UTF-8 text.")
            }
            let configuration = try TorvConfiguration.loadFromProcess(overrides: database.overrides)
            let platform = try await TorvServer.openPlatform(configuration, logger: TorvServer.logger(configuration))
            let outcome: Result<ImportReport, any Error>
            do {
                try await platform.migrate()
                outcome = .success(
                    try await CatalogImport.run(
                        csv: csv, dryRun: dryRun, by: AuditActor(kind: "cli", id: "torv import"), on: platform))
            } catch {
                outcome = .failure(error)
            }
            await platform.database.shutdown()
            switch outcome {
            case .success(let report):
                print(Self.describe(report, file: file))
                if !report.problems.isEmpty { throw ExitCode(1) }
            case .failure(CatalogError.importRejected(let problems)):
                print(Self.describe(ImportReport(dryRun: false, problems: problems), file: file))
                print("Nothing was imported.")
                throw ExitCode(1)
            case .failure(let error):
                throw CommandFailure(error)
            }
        }

        static func describe(_ report: ImportReport, file: String) -> String {
            var lines = report.problems.map {
                "\(file):\($0.line): \($0.column.isEmpty ? "" : "\($0.column): ")\($0.message)"
            }
            let verb = report.dryRun ? "would create" : "created"
            lines.append(
                "\(report.problems.count) problem(s); \(verb) \(report.productsCreated) product(s) and "
                    + "\(report.variantsCreated) variant(s), updated \(report.productsUpdated) product(s) and "
                    + "\(report.variantsUpdated) variant(s), \(report.prices) price(s).")
            return lines.joined(separator: "\n")
        }
    }
}
