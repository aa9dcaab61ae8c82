import Inventory
import Invoicing
import Ledger
import Orders
import Payments
import Persistence
import Promotions
import Purchasing
public import SQLKit
import TorvCore

extension Bookkeeping {
    /// The books against the business: no event the books gave up on, and — once every event is
    /// posted — the provider clearing and receivables accounts equal what the payments for orders and
    /// group deals captured less what they refunded and the provider's fees (less invoices paid into the
    /// bank), and the group-deal prepayments equal what participants paid for vouchers not yet redeemed,
    /// per currency.
    public static func audit(_ platform: Platform, on db: any SQLDatabase) async throws -> [InvariantFinding] {
        var findings: [InvariantFinding] = []
        let backlog = try await platform.outbox.backlog(of: subscriberName, on: db)
        if backlog.dead > 0 {
            findings.append(
                InvariantFinding(
                    module: "books", detail: "\(backlog.dead) event(s) could not be posted (dead outbox deliveries)"))
        }
        guard platform.keepsBooks, backlog.pending == 0, backlog.dead == 0 else { return findings }
        let accounts: [PaymentMethodKind: String] = [
            .card: DefaultChart.paymentClearing, .invoice: DefaultChart.receivables,
        ]
        let orderPayments = try await platform.payments.settledTotals(
            referencePrefix: OrderPrefix.prefix + "_", on: db)
        let groupDealPayments = try await platform.payments.settledTotals(
            referencePrefix: GroupDealParticipantPrefix.prefix + "_", on: db)
        let totals = orderPayments + groupDealPayments
        // Invoices paid into the bank no longer sit in receivables.
        let received = try await platform.invoicing.receivedTotals(on: db)
        for currency in Set(totals.map(\.net.currency)) {
            let balances = try await platform.ledger.trialBalance(currency: currency, on: db)
            for (method, account) in accounts {
                let settled = totals.filter { $0.method == method && $0.net.currency == currency }.map(\.net.amount)
                    .reduce(0, +)
                let paidIn = method == .invoice ? received.first { $0.currency == currency }?.amount ?? 0 : 0
                let expected = settled - paidIn
                let booked = balances.first { $0.accountCode == account }?.balance.amount ?? 0
                if booked != expected {
                    findings.append(
                        InvariantFinding(
                            module: "books",
                            detail:
                                "account \(account) holds \(Money(minorUnits: booked, currency: currency)) but \(method.rawValue) payments net \(Money(minorUnits: expected, currency: currency))"
                        ))
                }
            }
        }
        // What group-deal participants paid and were not refunded, for vouchers not yet redeemed, the shop still
        // owes them in goods, net of the VAT due at payment: the prepayments account (a credit balance) shows it.
        var owed: [Currency: Int64] = [:]
        for prepaid in try await platform.promotions.unredeemedGroupDealPrepayments(on: db) {
            owed[prepaid.paid.currency, default: 0] += try GroupDealFacts.net(
                of: prepaid.paid, vatRate: prepaid.vatRate
            ).amount
        }
        findings += try await compare(
            DefaultChart.groupDealPrepayments,
            with: owed.map { Money(minorUnits: -$0.value, currency: $0.key) },
            documents: "unredeemed group-deal vouchers",
            on: platform, db: db)
        // Stock at cost, as Inventory values it, is what the inventory account shows.
        for valuation in Set(try await platform.inventory.valuations(on: db).compactMap(\.value?.currency)) {
            let value = try await platform.inventory.inventoryValue(currency: valuation, on: db)
            let booked =
                try await platform.ledger.trialBalance(currency: valuation, on: db).first {
                    $0.accountCode == DefaultChart.inventory
                }?.balance.amount ?? 0
            if booked != value.amount {
                findings.append(
                    InvariantFinding(
                        module: "books",
                        detail:
                            "account \(DefaultChart.inventory) holds \(Money(minorUnits: booked, currency: valuation)) but stock at cost is \(value)"
                    ))
            }
        }
        // What customers owe on invoices, less credit notes, is what the receivables account shows.
        let credits = try await platform.outbox.backlog(of: Receivables.subscriberName, on: db)
        if credits.dead > 0 {
            findings.append(
                InvariantFinding(
                    module: "books", detail: "\(credits.dead) refund(s) could not be credited (dead outbox deliveries)")
            )
        }
        if credits.pending == 0 && credits.dead == 0 {
            findings += try await compare(
                DefaultChart.receivables, with: try await platform.invoicing.openTotals(on: db), documents: "invoices",
                on: platform, db: db)
        }
        // What the shop owes suppliers (a credit balance) is what its approved bills still have open.
        let payables = try await platform.purchasing.payables(on: db).map(\.open)
        findings += try await compare(
            DefaultChart.accountsPayable, with: payables.map { Money(minorUnits: -$0.amount, currency: $0.currency) },
            documents: "approved supplier bills", on: platform, db: db)
        return findings
    }

    /// An account's balance per currency against what its documents have open (debit positive).
    static func compare(
        _ account: String, with open: [Money], documents: String, on platform: Platform, db: any SQLDatabase
    ) async throws -> [InvariantFinding] {
        let booked = try await platform.ledger.balances(of: account, on: db)
        return Set(open.map(\.currency)).union(booked.map(\.currency)).sorted { $0.code < $1.code }.compactMap {
            currency in
            let expected = open.filter { $0.currency == currency }.map(\.amount).reduce(0, +)
            let balance = booked.first { $0.currency == currency }?.amount ?? 0
            guard expected != balance else { return nil }
            return InvariantFinding(
                module: "books",
                detail:
                    "account \(account) holds \(Money(minorUnits: balance, currency: currency)) but \(documents) have \(Money(minorUnits: expected, currency: currency)) open"
            )
        }
    }
}
