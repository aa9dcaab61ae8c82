import Flows
import Foundation
import Inventory
import Ledger
import Persistence
import TorvCore

/// The demo's opening entries, the ones no business event makes: the owners' capital paid into the
/// bank, and the suppliers paid for the opening stock (the receipts themselves are booked by the
/// posting rules, as goods received and not yet billed).
enum DemoBooks {
    static let actor = AuditActor(kind: "staff", id: "torv demo accountant")

    static func open(on platform: Platform) async throws {
        let date = platform.clock.now()
        let inventory = platform.inventory
        let ledger = platform.ledger
        try await platform.database.inTransaction { db in
            let stock = try await inventory.inventoryValue(currency: .eur, on: db)
            // The owners paid in enough for the opening stock and €150,000 to run on, in round tens of
            // thousands: a bank deep in the red on day one would make every report look wrong.
            let roundTo: Int64 = 1_000_000
            let needed = max(stock.amount, 0) + 15_000_000
            let capital = Money(minorUnits: (needed + roundTo - 1) / roundTo * roundTo, currency: .eur)
            _ = try await ledger.postManual(
                NewJournalEntry(
                    sourceKey: "demo:capital", postingDate: date, description: "Share capital paid in",
                    lines: [.debit(DefaultChart.bank, capital), .credit(DefaultChart.equity, capital)]),
                by: actor, on: db)
            guard stock.isPositive else { return }
            _ = try await ledger.postManual(
                NewJournalEntry(
                    sourceKey: "demo:opening-stock-paid", postingDate: date,
                    description: "Suppliers paid for the opening stock",
                    lines: [.debit(DefaultChart.goodsReceivedNotBilled, stock), .credit(DefaultChart.bank, stock)]),
                by: actor, on: db)
        }
    }
}
