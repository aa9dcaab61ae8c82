import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// Takes `quantity` units of `sku` out of a held reservation and gives them back to available stock,
    /// in the same transaction as whoever takes them next: a flash sale's hold hands its units, one
    /// order at a time, to the orders that buy them. Appends `stock.released` for the units let go.
    ///
    /// The reservation's row is locked first, so concurrent shrinks of one hold run one after the other
    /// and never take the same unit twice. Refused with `reservation_already_released` when the hold is
    /// over, and with `insufficient_stock` when it holds fewer units of the SKU.
    public func shrink(
        _ id: StockReservationID, sku: String, by quantity: Int, on db: any SQLDatabase
    ) async throws {
        guard quantity > 0 else { throw InventoryError.quantityMustBePositive }
        let now = self.now
        guard
            try await db.raw(
                """
                UPDATE inventory_reservations SET routing = routing
                WHERE id = \(bind: id.rawValue) AND status = 'held' RETURNING id
                """
            ).first() != nil
        else {
            _ = try await existingReservation(id, on: db)
            throw InventoryError.reservationAlreadyReleased
        }
        let reservation = try await existingReservation(id, on: db)
        let lines = reservation.lines.filter { $0.sku == sku }
        let held = lines.reduce(0) { $0 + $1.quantity }
        guard held >= quantity else {
            throw InventoryError.outOfStock(sku: sku, line: 0, requested: quantity, available: held)
        }
        var remaining = quantity
        var released: [ReservedStock] = []
        for line in lines.sorted(by: Self.levelOrder) where remaining > 0 {
            let taken = min(line.quantity, remaining)
            remaining -= taken
            if taken == line.quantity {
                try await db.raw(
                    """
                    DELETE FROM inventory_reservation_lines
                    WHERE reservation_id = \(bind: id.rawValue) AND line_no = \(bind: line.line)
                      AND location_id = \(bind: line.locationID.rawValue)
                    """
                ).run()
            } else {
                let left = line.quantity - taken
                try await db.raw(
                    """
                    UPDATE inventory_reservation_lines
                    SET quantity = \(bind: left), backordered = \(bind: min(line.backordered, left))
                    WHERE reservation_id = \(bind: id.rawValue) AND line_no = \(bind: line.line)
                      AND location_id = \(bind: line.locationID.rawValue)
                    """
                ).run()
            }
            guard
                try await InventoryStore.unreserve(taken, of: sku, at: line.locationID, now: now, on: db) != nil
            else { throw InventoryError.insufficientStock(sku: sku, location: line.locationID, available: 0) }
            var part = line
            part.quantity = taken
            part.backordered = min(line.backordered, taken)
            released.append(part)
        }
        try await outbox.append(
            StockReleased(reservationID: id, reference: reservation.reference, reason: .released, lines: released),
            on: db)
    }
}
