public import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// Holds stock for a checkout until `expiry`: every line or none.
    ///
    /// The routing rule plans on a snapshot of the stock; each planned allocation is then taken with a
    /// guarded update that re-checks the minimum against the newest row. When a concurrent checkout got
    /// there first, the attempt is rolled back to its savepoint and planned again on fresh stock. A line
    /// no plan can serve fails the whole reservation with `out_of_stock`, naming the SKU and the line
    /// (`/lines/<index>`). Appends `stock.reserved`, and `stock.low` where a threshold is crossed.
    public func reserve(
        _ requests: [StockRequest], for reference: String, until expiry: Date, routing rule: RoutingRule = .priority,
        on db: any SQLDatabase
    ) async throws -> StockReservation {
        let now = self.now
        try await validateReservation(requests, reference: reference, expiry: expiry, rule: rule, now: now, on: db)
        let skus = requests.map(\.sku).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let policies = try await InventoryStore.policies(for: skus, on: db)
        for attempt in 1...max(1, allocationAttempts) {
            do {
                let reservation = try await Savepoint.atomically("inventory_reserve", on: db) {
                    try await attemptReservation(
                        requests, skus: skus, policies: policies, reference: reference, expiry: expiry, rule: rule,
                        now: now, on: db)
                }
                InventoryMetrics.reservation("held")
                return reservation
            } catch let lost as LostRace {
                InventoryMetrics.replanned()
                if attempt >= allocationAttempts { throw InventoryError.stockChangedConcurrently(sku: lost.sku) }
            } catch let error as InventoryError {
                if case .outOfStock = error { InventoryMetrics.reservation("out_of_stock") }
                throw error
            }
        }
        throw InventoryError.stockChangedConcurrently(sku: skus.first ?? "")
    }

    private func attemptReservation(
        _ requests: [StockRequest], skus: [String], policies: [String: StockPolicy], reference: String, expiry: Date,
        rule: RoutingRule, now: Date, on db: any SQLDatabase
    ) async throws -> StockReservation {
        let id = StockReservationID.generate(ids, at: now)
        guard
            try await InventoryStore.insertHold(
                id, reference: reference, routing: rule.name, expiresAt: expiry, now: now, on: db)
        else { throw InventoryError.referenceAlreadyHeld(reference) }

        var candidates: [StockCandidate] = []
        var missingLevels = Set<LevelKey>()
        for sku in skus {
            for (candidate, hasLevel) in try await InventoryStore.candidates(
                for: sku, policy: policies[sku] ?? StockPolicy(sku: sku), on: db)
            {
                candidates.append(candidate)
                if !hasLevel { missingLevels.insert(LevelKey(sku: sku, location: candidate.location.id)) }
            }
        }
        let allocations: [Allocation]
        switch rule.allocate(requests, from: candidates) {
        case .success(let planned): allocations = planned
        case .failure(let shortfall):
            throw InventoryError.outOfStock(
                sku: shortfall.sku, line: shortfall.line, requested: shortfall.requested, available: shortfall.available
            )
        }

        var lines: [ReservedStock] = []
        // Levels are locked in (SKU, location) order by every writer, so holds never deadlock each other.
        for allocation in allocations.sorted(by: { ($0.sku, $0.locationID, $0.line) < ($1.sku, $1.locationID, $1.line) }
        ) {
            let policy = policies[allocation.sku]
            if missingLevels.contains(LevelKey(sku: allocation.sku, location: allocation.locationID)) {
                try await InventoryStore.ensureLevel(allocation.sku, at: allocation.locationID, now: now, on: db)
            }
            guard
                let level = try await InventoryStore.reserve(
                    allocation.quantity, of: allocation.sku, at: allocation.locationID, now: now, on: db)
            else { throw LostRace(sku: allocation.sku) }
            let availableBefore = level.available + allocation.quantity
            let backordered = allocation.quantity - min(max(availableBefore, 0), allocation.quantity)
            var availableFrom: Date?
            if backordered > 0, case .preorder(let date, _) = policy?.whenOutOfStock, date > now {
                availableFrom = date
            }
            lines.append(
                ReservedStock(
                    line: allocation.line, sku: allocation.sku, locationID: allocation.locationID,
                    quantity: allocation.quantity, backordered: backordered, availableFrom: availableFrom))
            try await announceLowStock(
                level, availableBefore: availableBefore, threshold: policy?.lowStockThreshold, on: db)
        }
        lines.sort { ($0.line, $0.locationID) < ($1.line, $1.locationID) }
        for line in lines {
            try await InventoryStore.insertLine(line, of: id, on: db)
        }
        let reservation = StockReservation(
            id: id, reference: reference, status: .held, routing: rule.name, lines: lines, expiresAt: expiry,
            createdAt: now, closedAt: nil)
        try await outbox.append(
            StockReserved(reservationID: id, reference: reference, expiresAt: expiry, lines: lines), on: db)
        return reservation
    }

    private func validateReservation(
        _ requests: [StockRequest], reference: String, expiry: Date, rule: RoutingRule, now: Date,
        on db: any SQLDatabase
    ) async throws {
        var validator = Validator()
        validator.checkLines(requests.map { ($0.sku, $0.quantity) })
        let trimmedReference = Self.trimmed(reference)
        if trimmedReference.isEmpty || trimmedReference != reference || reference.count > 200 {
            validator.add(InventoryError.referenceRequired, at: "/reference")
        }
        if expiry <= now { validator.add(InventoryError.expiryInThePast, at: "/expires_at") }
        switch rule {
        case .pickup(let id):
            if let location = try await InventoryStore.location(id, on: db) {
                if !location.offersPickup || !location.isActive {
                    validator.add(InventoryError.locationOffersNoPickup(id), at: "/routing/location_id")
                }
            } else {
                validator.add(InventoryError.unknownLocation(id), at: "/routing/location_id")
            }
        case .nearest(let destination), .singleShipment(near: .some(let destination)):
            validator.check(
                destination.isValid, "/routing/destination", "must be a valid coordinate", code: "invalid_coordinate")
        case .priority, .storeFirst, .singleShipment(near: .none): break
        }
        try validator.finish()
    }
}

/// A guarded update found less stock than the plan saw: another checkout got there first.
struct LostRace: Error {
    let sku: String
}

struct LevelKey: Hashable {
    let sku: String
    let location: StockLocationID
}
