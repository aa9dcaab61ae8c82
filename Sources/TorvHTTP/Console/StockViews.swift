import Foundation
import Inventory
import Persistence
import TorvCore

/// A stock location as the console lists it.
struct StockLocationRow {
    let locationHref: String
    let locationName: String
    let locationKind: String
    let locationPlace: String
    let locationServices: String
    let locationActive: Bool
    let locationCurrent: Bool

    init(_ location: StockLocation, current: StockLocationID? = nil) {
        locationHref = "/admin/stock/locations/\(location.id.rawValue)"
        locationName = location.name
        locationKind =
            switch location.kind {
            case .warehouse: "Warehouse"
            case .store: "Store"
            case .pickupPoint: "Pick-up point"
            }
        locationPlace = "\(location.address.city), \(location.address.countryCode)"
        locationServices =
            [location.ships ? "ships" : nil, location.offersPickup ? "pick-up" : nil].compactMap { $0 }
            .joined(separator: ", ")
        locationActive = location.isActive
        locationCurrent = location.id == current
    }
}

/// One SKU's stock at one place.
struct StockLevelRow {
    let levelSKU: String
    let levelPlace: String
    let levelPlaceHref: String
    let levelOnHand: Int
    let levelReserved: Int
    let levelAvailable: Int
    let levelLow: Bool
    let levelMovementsHref: String

    init(_ level: StockLevel, place: String) {
        levelSKU = level.sku
        levelPlace = place
        levelPlaceHref = "/admin/stock/locations/\(level.locationID.rawValue)"
        levelOnHand = level.onHand
        levelReserved = level.reserved
        levelAvailable = level.available
        levelLow = level.available <= (level.minimumAvailable ?? 0)
        levelMovementsHref = StockMovementsView.href(sku: level.sku, location: level.locationID.rawValue)
    }
}

/// The stock overview: the locations, and a SKU's stock at each of them.
struct StockOverviewView {
    let locations: [StockLocationRow]
    let hasLocations: Bool
    let skuQuery: String
    let skuLevels: [StockLevelRow]
    let skuSearched: Bool
    let skuFound: Bool
}

/// A location's stock, SKU by SKU, and the forms that receive, adjust and transfer stock there.
struct LocationStockView {
    struct Choice {
        let choiceValue: String
        let choiceLabel: String
        let choiceSelected: Bool
    }

    let stockLocationName: String
    let stockLocationID: String
    let stockLocations: [StockLocationRow]
    let levels: [StockLevelRow]
    let hasLevels: Bool
    let nextLevelsHref: String?
    let mayManageStock: Bool
    let adjustReasons: [Choice]
    let transferTargets: [Choice]
    let hasTransferTargets: Bool
    /// What one of the forms holds: empty, or what was typed into it when it was refused.
    struct Typed {
        let typedSKU: String
        let typedQuantity: String
        let typedReference: String
        let typedNote: String
        let typedUnitCost: String
        let stockError: String?
        let stockKey = FormGuard.randomToken()

        init(_ fields: FormData?, error: String?) {
            typedSKU = fields?["sku"] ?? ""
            typedQuantity = fields?["quantity"] ?? ""
            typedReference = fields?["reference"] ?? ""
            typedNote = fields?["note"] ?? ""
            typedUnitCost = fields?["unit_cost"] ?? ""
            stockError = error
        }
    }

    let receiveForm: Typed
    let adjustForm: Typed
    let transferForm: Typed
    let currencyCode: String
    let notice: String?

    init(
        location: StockLocation, locations: [StockLocation], levels: [StockLevel], next: String?, mayManage: Bool,
        failure: (form: String, fields: FormData, message: String)?, notice: String?, currency: Currency
    ) {
        stockLocationName = location.name
        stockLocationID = location.id.rawValue
        stockLocations = locations.map { StockLocationRow($0, current: location.id) }
        self.levels = levels.map { StockLevelRow($0, place: location.name) }
        hasLevels = !levels.isEmpty
        nextLevelsHref = next.map { sku in
            var components = URLComponents()
            components.path = "/admin/stock/locations/\(location.id.rawValue)"
            components.queryItems = [URLQueryItem(name: "after", value: sku)]
            return components.string ?? components.path
        }
        mayManageStock = mayManage
        let fields = failure?.fields
        let reason = fields?["reason"] ?? StockAdjustmentReason.correction.rawValue
        adjustReasons = StockAdjustmentReason.allCases.map { value in
            let label =
                switch value {
                case .correction: "Correction"
                case .writeOff: "Write-off (damaged, lost, expired)"
                case .customerReturn: "Customer return"
                case .supplierReturn: "Return to supplier"
                }
            return Choice(choiceValue: value.rawValue, choiceLabel: label, choiceSelected: value.rawValue == reason)
        }
        let target = fields?["to"]
        transferTargets = locations.filter { $0.id != location.id && $0.isActive }.map {
            Choice(choiceValue: $0.id.rawValue, choiceLabel: $0.name, choiceSelected: $0.id.rawValue == target)
        }
        hasTransferTargets = !transferTargets.isEmpty
        let typed = { (form: String) in
            failure?.form == form ? Typed(failure?.fields, error: failure?.message) : Typed(nil, error: nil)
        }
        receiveForm = typed("receive")
        adjustForm = typed("adjust")
        transferForm = typed("transfer")
        currencyCode = currency.code
        self.notice = notice
    }
}

/// A stock card: the movements of a SKU (or of a location), oldest first, each with on-hand stock after it.
struct StockMovementsView {
    struct Movement {
        let movementTime: String
        let movementSKU: String
        let movementPlace: String
        let movementReason: String
        let movementQuantity: String
        let movementOnHand: Int
        let movementReference: String?
        let movementNote: String?
        let movementActor: String
    }

    let movementsSKU: String
    let movementsLocation: String
    let locationChoices: [LocationStockView.Choice]
    let movements: [Movement]
    let hasMovements: Bool
    let laterMovementsHref: String?

    init(
        sku: String, location: String, locations: [StockLocation], movements: [StockMovement], next: String?,
        settings: ShopSettings
    ) {
        movementsSKU = sku
        movementsLocation = location
        locationChoices =
            [LocationStockView.Choice(choiceValue: "", choiceLabel: "All locations", choiceSelected: location.isEmpty)]
            + locations.map {
                LocationStockView.Choice(
                    choiceValue: $0.id.rawValue, choiceLabel: $0.name, choiceSelected: $0.id.rawValue == location)
            }
        let names = Dictionary(locations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.movements = movements.map { movement in
            Movement(
                movementTime: settings.dateTime(movement.occurredAt), movementSKU: movement.sku,
                movementPlace: names[movement.locationID] ?? movement.locationID.rawValue,
                movementReason: movement.reason.rawValue.replacingOccurrences(of: "_", with: " "),
                movementQuantity: movement.quantity > 0 ? "+\(movement.quantity)" : "\(movement.quantity)",
                movementOnHand: movement.onHandAfter, movementReference: movement.reference,
                movementNote: movement.note, movementActor: "\(movement.actor.kind) \(movement.actor.id)")
        }
        hasMovements = !movements.isEmpty
        laterMovementsHref = next.map { Self.href(sku: sku, location: location, after: $0) }
    }

    static func href(sku: String, location: String, after: String? = nil) -> String {
        var components = URLComponents()
        components.path = "/admin/stock/movements"
        components.queryItems = [
            sku.isEmpty ? nil : URLQueryItem(name: "sku", value: sku),
            location.isEmpty ? nil : URLQueryItem(name: "location", value: location),
            after.map { URLQueryItem(name: "after", value: $0) },
        ].compactMap { $0 }
        return components.string ?? components.path
    }
}
