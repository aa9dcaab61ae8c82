import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Inventory
import Persistence
import TorvCore

/// The console's stock: the locations, a SKU's stock everywhere, a location's levels with receipts,
/// adjustments and transfers, and stock cards of movements, with the admin API's inventory permissions.
/// Each form runs once per form key and calls the same inventory operations as the API.
extension ConsolePages {
    func registerStock(on router: Router<TorvRequestContext>) {
        router.get("/admin/stock") { request, context in
            await page(request, context, permission: .inventoryStockRead) { visit in
                try await stockOverview(request, visit: visit)
            }
        }
        router.get("/admin/stock/locations/:location") { request, context in
            await page(request, context, permission: .inventoryStockRead) { visit in
                try await locationStock(request, id: context.parameters.get("location") ?? "", visit: visit)
            }
        }
        for action in StockAction.allCases {
            router.post("/admin/stock/locations/:location/\(action.rawValue)") { request, context in
                await post(request, context, permission: .inventoryStockManage) { visit, form in
                    try await stockForm(
                        action, request, location: context.parameters.get("location") ?? "", form: form, visit: visit)
                }
            }
        }
        router.get("/admin/stock/movements") { request, context in
            await page(request, context, permission: .inventoryStockRead) { visit in
                try await stockMovements(request, visit: visit)
            }
        }
    }

    static let stockPageSize = 50

    enum StockAction: String, CaseIterable { case receive, adjust, transfer }

    private func stockOverview(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let sku = String((query["sku"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let inventory = platform.inventory
        let (locations, levels) = try await platform.database.read { db in
            (
                try await inventory.locations(includingInactive: true, on: db),
                sku.isEmpty ? [] : try await inventory.stockLevels(of: sku, on: db)
            )
        }
        let names = Dictionary(locations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let view = StockOverviewView(
            locations: locations.map { StockLocationRow($0) }, hasLocations: !locations.isEmpty, skuQuery: sku,
            skuLevels: levels.map { StockLevelRow($0, place: names[$0.locationID] ?? $0.locationID.rawValue) },
            skuSearched: !sku.isEmpty, skuFound: !levels.isEmpty)
        return try render("console-stock", title: "Stock", section: .stock, view: view, visit: visit, request: request)
    }

    private func locationStock(
        _ request: Request, id text: String, visit: StaffVisit,
        failure: (form: String, fields: FormData, message: String)? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(text, as: StockLocationID.self, notFound: InventoryError.locationNotFound)
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let after = query["after"].map { String($0.prefix(100)) }
        let (inventory, limit) = (platform.inventory, Self.stockPageSize)
        let (location, locations, levels) = try await platform.database.read { db in
            (
                try await inventory.location(id, on: db),
                try await inventory.locations(includingInactive: true, on: db),
                try await inventory.stockLevels(at: id, after: after, limit: limit + 1, on: db)
            )
        }
        let shown = Array(levels.prefix(limit))
        let view = LocationStockView(
            location: location, locations: locations, levels: shown,
            next: levels.count > limit ? shown.last?.sku : nil, mayManage: visit.may(.inventoryStockManage),
            failure: failure, notice: StockNotice.from(query), currency: settings.currency)
        return try render(
            "console-stock-location", title: location.name, section: .stock, view: view, visit: visit,
            request: request, status: status)
    }

    private func stockForm(
        _ action: StockAction, _ request: Request, location text: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(text, as: StockLocationID.self, notFound: InventoryError.locationNotFound)
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.stock.\(action.rawValue)"
        let refuse = { (message: String, status: HTTPResponse.Status) async throws -> FormReplay.Outcome in
            .refused(
                try await locationStock(
                    request, id: text, visit: visit, failure: (action.rawValue, form, message), status: status))
        }
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let sku = (form["sku"] ?? "").trimmingCharacters(in: .whitespaces)
            let reference = Self.optional(form["reference"])
            let note = Self.optional(form["note"])
            guard let quantity = Int((form["quantity"] ?? "").trimmingCharacters(in: .whitespaces)) else {
                return try await refuse("Quantity must be a whole number.", .unprocessableContent)
            }
            var unitCost: Money?
            if let text = Self.optional(form["unit_cost"]) {
                guard let cost = try? Money.parse(text, currency: settings.currency), cost.amount >= 0 else {
                    return try await refuse(
                        "Unit cost must be an amount such as 12.50 in \(settings.currency.code).", .unprocessableContent
                    )
                }
                unitCost = cost
            }
            let (inventory, actor, currentCost) = (platform.inventory, visit.actor, unitCost)
            do {
                let notice: StockNotice
                switch action {
                case .receive:
                    let receipt = StockReceipt(
                        locationID: id, lines: [StockLine(sku: sku, quantity: quantity, unitCost: currentCost)],
                        reference: reference, note: note)
                    _ = try await platform.database.inTransaction { db in
                        try await inventory.receive(receipt, by: actor, on: db)
                    }
                    notice = .received
                case .adjust:
                    let reason = form["reason"].flatMap(StockAdjustmentReason.init(rawValue:)) ?? .correction
                    let adjustment = StockAdjustment(
                        sku: sku, locationID: id, quantity: quantity, reason: reason, reference: reference, note: note)
                    _ = try await platform.database.inTransaction { db in
                        try await inventory.adjust(adjustment, by: actor, on: db)
                    }
                    notice = .adjusted
                case .transfer:
                    guard let target = form["to"].flatMap(StockLocationID.init) else {
                        return try await refuse("Choose where the stock goes.", .unprocessableContent)
                    }
                    let transfer = StockTransfer(
                        from: id, to: target, lines: [StockLine(sku: sku, quantity: quantity)], reference: reference,
                        note: note)
                    _ = try await platform.database.inTransaction { db in
                        try await inventory.transfer(transfer, by: actor, on: db)
                    }
                    notice = .transferred
                }
                return .redirect("/admin/stock/locations/\(id.rawValue)?done=\(notice.rawValue)")
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return try await refuse(ConsoleFormRefusal.sentence(error), status)
            }
        }
    }

    private func stockMovements(_ request: Request, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let sku = String((query["sku"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let locationText = query["location"] ?? ""
        let location = StockLocationID(locationText)
        let after = query["after"].flatMap(StockMovementID.init)
        let (inventory, limit) = (platform.inventory, Self.stockPageSize)
        let (locations, movements) = try await platform.database.read { db in
            (
                try await inventory.locations(includingInactive: true, on: db),
                sku.isEmpty
                    ? [] : try await inventory.movements(of: sku, at: location, after: after, limit: limit + 1, on: db)
            )
        }
        let shown = Array(movements.prefix(limit))
        let view = StockMovementsView(
            sku: sku, location: location?.rawValue ?? "", locations: locations, movements: shown,
            next: movements.count > limit ? shown.last?.id.rawValue : nil, settings: settings)
        return try render(
            "console-stock-movements", title: "Stock movements", section: .stock, view: view, visit: visit,
            request: request)
    }

    static func optional(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return String(trimmed.prefix(500))
    }
}

/// The confirmation a location's stock page shows after a form did its work (`?done=received`).
enum StockNotice: String, CaseIterable {
    case received, adjusted, transferred

    var message: String {
        switch self {
        case .received: "The goods were received into stock."
        case .adjusted: "The stock was adjusted."
        case .transferred: "The stock was moved; both locations show it now."
        }
    }

    static func from(_ query: FormData) -> String? { query["done"].flatMap(Self.init(rawValue:))?.message }
}

extension Permission {
    static let inventoryStockManage: Permission = "inventory.stock.manage"
}
