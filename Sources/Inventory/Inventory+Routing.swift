import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// How checkout allocates shipped orders across locations.
    public func routingPolicy(on db: any SQLDatabase) async throws -> RoutingPolicy {
        let stored = try await db.raw("SELECT routing FROM inventory_settings WHERE id = 1").first(
            decodingColumn: "routing", as: String.self)
        return stored.flatMap(RoutingPolicy.init(rawValue:)) ?? .priority
    }

    /// Changes the routing policy for orders placed from now on; held stock keeps its locations.
    @discardableResult
    public func setRoutingPolicy(
        _ policy: RoutingPolicy, by actor: AuditActor, on db: any SQLDatabase
    ) async throws -> RoutingPolicy {
        let previous = try await routingPolicy(on: db)
        try await db.raw(
            """
            UPDATE inventory_settings SET routing = \(bind: policy.rawValue), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = 1
            """
        ).run()
        if previous != policy {
            try await audit.record(
                "inventory.routing_policy_set", by: actor, target: ("inventory_settings", "routing"),
                detail: ["old": previous.rawValue, "new": policy.rawValue], on: db)
        }
        return policy
    }
}
