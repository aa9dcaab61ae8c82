import Flows
import Foundation
import Inventory
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func listStockLocations(
        _ input: Operations.ListStockLocations.Input
    ) async throws -> Operations.ListStockLocations.Output {
        let inventory = platform.inventory
        let includeInactive = input.query.includeInactive ?? false
        let locations = try await platform.database.read { db in
            try await inventory.locations(includingInactive: includeInactive, on: db)
        }
        return .ok(.init(body: .json(.init(items: locations.map(Components.Schemas.StockLocation.init)))))
    }

    func createStockLocation(
        _ input: Operations.CreateStockLocation.Input
    ) async throws -> Operations.CreateStockLocation.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let draft = StockLocationDraft(
            kind: StockLocationKind(rawValue: body.kind.rawValue) ?? .warehouse, name: body.name,
            address: PostalAddress(body.address),
            coordinate: body.coordinate.map { GeoCoordinate(latitude: $0.latitude, longitude: $0.longitude) },
            ships: body.ships ?? true, offersPickup: body.offersPickup ?? false, priority: body.priority ?? 100,
            isActive: body.active ?? true)
        let actor = try actor()
        let inventory = platform.inventory
        let location = try await platform.database.inTransaction { db in
            try await inventory.createLocation(draft, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(location))))
    }

    func listStockLevels(_ input: Operations.ListStockLevels.Input) async throws -> Operations.ListStockLevels.Output {
        let query = input.query
        let inventory = platform.inventory
        switch (query.sku, query.locationId) {
        case (let sku?, nil):
            let levels = try await platform.database.read { db in try await inventory.stockLevels(of: sku, on: db) }
            return .ok(.init(body: .json(.init(items: levels.map(Components.Schemas.StockLevel.init)))))
        case (nil, let locationText?):
            guard let location = StockLocationID(locationText) else {
                throw RequestError.invalidParameter(name: "location_id", message: "is not a location ID")
            }
            let limit = try Paging.limit(query.limit)
            let after = query.after
            let fetched = try await platform.database.read { db in
                _ = try await inventory.location(location, on: db)
                return try await inventory.stockLevels(at: location, after: after, limit: limit + 1, on: db)
            }
            let page = Paging.page(fetched, limit: limit) { $0.sku }
            return .ok(
                .init(body: .json(.init(items: page.items.map(Components.Schemas.StockLevel.init), next: page.next))))
        default:
            throw RequestError.invalidParameter(name: "sku", message: "give exactly one of sku and location_id")
        }
    }

    func listStockMovements(
        _ input: Operations.ListStockMovements.Input
    ) async throws -> Operations.ListStockMovements.Output {
        let query = input.query
        let limit = try Paging.limit(query.limit)
        let after = try Paging.cursor(query.after, as: StockMovementID.self)
        var location: StockLocationID?
        if let text = query.locationId {
            guard let id = StockLocationID(text) else {
                throw RequestError.invalidParameter(name: "location_id", message: "is not a location ID")
            }
            location = id
        }
        let inventory = platform.inventory
        let filter = location
        let fetched = try await platform.database.read { db in
            try await inventory.movements(of: query.sku, at: filter, after: after, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(
            .init(body: .json(.init(items: page.items.map(Components.Schemas.StockMovement.init), next: page.next))))
    }

    func receiveStock(_ input: Operations.ReceiveStock.Input) async throws -> Operations.ReceiveStock.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var fields = FieldIDs()
        let receipt = StockReceipt(
            locationID: fields.id(body.locationId, as: StockLocationID.self, at: "/location_id"),
            lines: body.lines.map { StockLine(sku: $0.sku, quantity: Int($0.quantity)) }, reference: body.reference,
            note: body.note)
        try fields.finish()
        let actor = try actor()
        let inventory = platform.inventory
        let movements = try await platform.database.inTransaction { db in
            try await inventory.receive(receipt, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(items: movements.map(Components.Schemas.StockMovement.init)))))
    }

    func adjustStock(_ input: Operations.AdjustStock.Input) async throws -> Operations.AdjustStock.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var fields = FieldIDs()
        let adjustment = StockAdjustment(
            sku: body.sku, locationID: fields.id(body.locationId, as: StockLocationID.self, at: "/location_id"),
            quantity: Int(body.quantity), reason: StockAdjustmentReason(rawValue: body.reason.rawValue) ?? .correction,
            reference: body.reference, note: body.note)
        try fields.finish()
        let actor = try actor()
        let inventory = platform.inventory
        let movement = try await platform.database.inTransaction { db in
            try await inventory.adjust(adjustment, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(movement))))
    }

    func transferStock(_ input: Operations.TransferStock.Input) async throws -> Operations.TransferStock.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var fields = FieldIDs()
        let transfer = StockTransfer(
            from: fields.id(body.from, as: StockLocationID.self, at: "/from"),
            to: fields.id(body.to, as: StockLocationID.self, at: "/to"),
            lines: body.lines.map { StockLine(sku: $0.sku, quantity: Int($0.quantity)) }, reference: body.reference,
            note: body.note)
        try fields.finish()
        let actor = try actor()
        let inventory = platform.inventory
        let movements = try await platform.database.inTransaction { db in
            try await inventory.transfer(transfer, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(items: movements.map(Components.Schemas.StockMovement.init)))))
    }

    func countStock(_ input: Operations.CountStock.Input) async throws -> Operations.CountStock.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var fields = FieldIDs()
        let count = StockCount(
            locationID: fields.id(body.locationId, as: StockLocationID.self, at: "/location_id"),
            lines: body.lines.map { StockCount.Line(sku: $0.sku, counted: Int($0.counted)) }, note: body.note)
        try fields.finish()
        let actor = try actor()
        let inventory = platform.inventory
        let counted = try await platform.database.inTransaction { db in
            try await inventory.count(count, by: actor, on: db)
        }
        return .created(
            .init(
                body: .json(
                    .init(
                        items: counted.map {
                            .init(
                                sku: $0.sku, previous: Int64($0.previous), counted: Int64($0.counted),
                                difference: Int64($0.difference))
                        }))))
    }

    func getStockPolicy(_ input: Operations.GetStockPolicy.Input) async throws -> Operations.GetStockPolicy.Output {
        let inventory = platform.inventory
        let sku = input.path.sku
        let policy = try await platform.database.read { db in try await inventory.policy(for: sku, on: db) }
        return .ok(.init(body: .json(.init(policy))))
    }

    func setStockPolicy(_ input: Operations.SetStockPolicy.Input) async throws -> Operations.SetStockPolicy.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let limit = body.limit.map { Int(clamping: $0) }
        let rule: OutOfStockRule
        switch body.whenOutOfStock {
        case .refuse: rule = .refuse
        case .backorder: rule = .backorder(limit: limit)
        case .preorder:
            guard let from = body.availableFrom else {
                throw ValidationError([
                    FieldError(
                        pointer: "/available_from", message: "is required for pre-orders", code: "required")
                ])
            }
            rule = .preorder(availableFrom: from, limit: limit)
        }
        let policy = StockPolicy(
            sku: input.path.sku, whenOutOfStock: rule,
            lowStockThreshold: body.lowStockThreshold.map { Int(clamping: $0) }
        )
        let actor = try actor()
        let inventory = platform.inventory
        let saved = try await platform.database.inTransaction { db in
            try await inventory.setPolicy(policy, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(saved))))
    }

    func getRoutingPolicy(_ input: Operations.GetRoutingPolicy.Input) async throws -> Operations.GetRoutingPolicy.Output
    {
        let inventory = platform.inventory
        let policy = try await platform.database.read { db in try await inventory.routingPolicy(on: db) }
        return .ok(.init(body: .json(.init(rule: .init(rawValue: policy.rawValue) ?? .priority))))
    }

    func setRoutingPolicy(_ input: Operations.SetRoutingPolicy.Input) async throws -> Operations.SetRoutingPolicy.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let policy = RoutingPolicy(rawValue: body.rule.rawValue) ?? .priority
        let actor = try actor()
        let inventory = platform.inventory
        try await platform.database.inTransaction { db in
            try await inventory.setRoutingPolicy(policy, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(rule: body.rule))))
    }

    func auditInventory(_ input: Operations.AuditInventory.Input) async throws -> Operations.AuditInventory.Output {
        let inventory = platform.inventory
        let violations = try await platform.database.read { db in try await inventory.verifyInvariants(on: db) }
        return .ok(
            .init(
                body: .json(
                    .init(
                        violations: violations.map {
                            .init(
                                kind: $0.kind.rawValue, sku: $0.sku, locationId: $0.locationID,
                                expected: $0.expected.map(Int64.init), actual: $0.actual.map(Int64.init))
                        }))))
    }
}
