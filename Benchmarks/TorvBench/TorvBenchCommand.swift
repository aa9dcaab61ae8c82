public import ArgumentParser

/// `torv-bench`: speed figures, each printed next to a baseline measured in the same run.
/// Benchmarks, not tests: nothing here asserts a time.
public struct TorvBenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "torv-bench", abstract: "Torv's benchmarks.",
        subcommands: [
            TransactionsBenchmark.self, CheckoutBenchmark.self, LedgerBenchmark.self, FlashSaleBenchmark.self,
            PayoutsBenchmark.self, MarketplaceBenchmark.self,
        ])

    public init() {}
}

/// The benchmark executable's entry point.
public enum TorvBenchMain {
    public static func run() async { await TorvBenchCommand.main() }
}
