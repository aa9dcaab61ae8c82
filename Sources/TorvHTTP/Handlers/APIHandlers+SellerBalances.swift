import Flows
import Foundation
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// A seller's money: its balance, movements, payouts and statements on the seller surface (always the
/// signed-in seller's own, from `ownSeller()`), and payout runs and adjustments for the marketplace.
extension APIHandlers {
    func getOwnSellerBalance(
        _ input: Operations.GetOwnSellerBalance.Input
    ) async throws -> Operations.GetOwnSellerBalance.Output {
        let id = try ownSeller()
        let (sellers, now) = (platform.sellers, now)
        let balances = try await platform.database.read { db in try await sellers.balances(of: id, at: now, on: db) }
        return .ok(.init(body: .json(.init(items: balances.map(Components.Schemas.SellerBalance.init)))))
    }

    func listOwnSellerMovements(
        _ input: Operations.ListOwnSellerMovements.Input
    ) async throws -> Operations.ListOwnSellerMovements.Output {
        let id = try ownSeller()
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerMovementID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.movements(of: id, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0) }, next: page.next))))
    }

    func listOwnSellerPayouts(
        _ input: Operations.ListOwnSellerPayouts.Input
    ) async throws -> Operations.ListOwnSellerPayouts.Output {
        let id = try ownSeller()
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerPayoutID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.payouts(of: id, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        // A seller sees the end of the account it is paid to; the whole number stays with the marketplace.
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, masked: true) }, next: page.next))))
    }

    func getOwnSellerStatement(
        _ input: Operations.GetOwnSellerStatement.Input
    ) async throws -> Operations.GetOwnSellerStatement.Output {
        let id = try ownSeller()
        let from = try Self.day(input.query.from, name: "from")
        let to = try Self.day(input.query.to, name: "to").addingTimeInterval(86_400)
        guard from < to else { throw RequestError.invalidParameter(name: "to", message: "must not be before from") }
        let only = try input.query.currency.map { try Self.currency($0, at: "/currency") }
        let sellers = platform.sellers
        let statements = try await platform.database.read { db in
            var statements: [SellerStatement] = []
            var currencies = only.map { [$0] } ?? []
            if only == nil { currencies = try await sellers.currencies(of: id, on: db) }
            for currency in currencies {
                statements.append(try await sellers.statement(of: id, currency: currency, from: from, to: to, on: db))
            }
            return statements
        }
        return .ok(.init(body: .json(.init(items: statements.map(Components.Schemas.SellerStatement.init)))))
    }

    func createSellerAdjustment(
        _ input: Operations.CreateSellerAdjustment.Input
    ) async throws -> Operations.CreateSellerAdjustment.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.sellerId, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let amount = try Self.money(body.amount, at: "/amount")
        let actor = try actor()
        // The idempotency middleware replays a retried request; the key also makes the movement itself unique.
        let key = "\(actor.kind):\(actor.id):\(input.headers.idempotencyKey ?? UUID().uuidString)"
        let sellers = platform.sellers
        let movement = try await platform.database.inTransaction { db in
            try await sellers.adjust(
                id, amount: amount, note: body.note, reference: body.reference, key: key, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(movement))))
    }

    func startPayoutRun(_ input: Operations.StartPayoutRun.Input) async throws -> Operations.StartPayoutRun.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let minimum = try Self.money(body.minimum, at: "/minimum")
        let actor = try actor()
        let runKey = body.runKey ?? "\(actor.kind):\(actor.id):\(input.headers.idempotencyKey ?? UUID().uuidString)"
        let run = try await platform.sellers.runPayouts(
            minimum: minimum, at: now, runKey: runKey, by: actor, in: platform.database)
        return .created(.init(body: .json(.init(run))))
    }

    func listPayoutRuns(_ input: Operations.ListPayoutRuns.Input) async throws -> Operations.ListPayoutRuns.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: PayoutRunID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.payoutRuns(after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map(Components.Schemas.PayoutRun.init), next: page.next))))
    }

    func getPayoutRun(_ input: Operations.GetPayoutRun.Input) async throws -> Operations.GetPayoutRun.Output {
        let id = try pathID(input.path.payoutRunId, as: PayoutRunID.self, notFound: PayoutError.runNotFound)
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerPayoutID.self)
        let sellers = platform.sellers
        let (run, fetched) = try await platform.database.read { db in
            (
                try await sellers.payoutRun(id, on: db),
                try await sellers.payouts(inRun: id, after: cursor, limit: limit + 1, on: db)
            )
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(
                body: .json(
                    .init(run: .init(run), payouts: page.items.map { .init($0, masked: false) }, next: page.next))))
    }
}

/// The Sellers module's values, named apart from the API schemas of the same names.
typealias SellerBalanceFigures = SellerBalance
typealias SellerStatementPeriod = SellerStatement
typealias SellerPayoutRecord = SellerPayout

extension Components.Schemas.SellerBalance {
    init(_ balance: SellerBalanceFigures) {
        self.init(
            currency: balance.total.currency.code, total: .init(balance.total), pending: .init(balance.pending),
            available: .init(balance.available))
    }
}

extension Components.Schemas.SellerMovement {
    init(_ movement: SellerMovementRecord) {
        self.init(
            id: movement.id.rawValue, kind: .init(rawValue: movement.kind.rawValue) ?? .adjustment,
            amount: .init(movement.amount), availableAt: movement.availableAt, reference: movement.reference,
            note: movement.note, payoutId: movement.payoutID?.rawValue, balanceAfter: .init(movement.balanceAfter),
            createdAt: movement.createdAt)
    }
}

extension Components.Schemas.SellerStatement {
    init(_ statement: SellerStatementPeriod) {
        self.init(
            currency: statement.currency.code, from: statement.from, to: statement.to,
            opening: .init(statement.opening), lines: statement.lines.map(Components.Schemas.SellerMovement.init),
            closing: .init(statement.closing), pendingAtClose: .init(statement.pendingAtClose),
            availableAtClose: .init(statement.availableAtClose))
    }
}

extension Components.Schemas.SellerPayout {
    init(_ payout: SellerPayoutRecord, masked: Bool) {
        let iban = payout.iban.map { masked ? "•••• \($0.suffix(4))" : $0 }
        self.init(
            id: payout.id.rawValue, runId: payout.runID.rawValue, sellerId: payout.sellerID.rawValue,
            amount: .init(payout.amount), iban: iban, holder: payout.holder,
            status: .init(rawValue: payout.status.rawValue) ?? .held, reason: payout.reason,
            createdAt: payout.createdAt)
    }
}

extension Components.Schemas.PayoutRun {
    init(_ run: SellerPayoutRun) {
        self.init(
            id: run.id.rawValue, runKey: run.key, minimum: .init(run.minimum),
            status: .init(rawValue: run.status.rawValue) ?? .running, paidCount: Int32(clamping: run.paidCount),
            paidTotal: .init(run.paidTotal), heldCount: Int32(clamping: run.heldCount), heldTotal: .init(run.heldTotal),
            carriedCount: Int32(clamping: run.carriedCount), startedBy: run.startedBy, startedAt: run.startedAt,
            finishedAt: run.finishedAt)
    }
}
