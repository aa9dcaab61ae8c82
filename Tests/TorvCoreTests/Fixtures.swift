import Foundation
import TorvCore

enum ProductPrefix: IDPrefix {
    static let prefix = "prod"
}

enum OrderPrefix: IDPrefix {
    static let prefix = "ord"
}

typealias ProductID = TypedID<ProductPrefix>
typealias OrderID = TypedID<OrderPrefix>

struct CustomerRegistered: DomainEvent, Equatable {
    static let eventType = "customer.registered"
    var customerID: String
    var email: String
    var registeredAt: Date
}

struct OrderPlaced: DomainEvent, Equatable {
    static let eventType = "order.placed"
    var orderID: String
}

extension Money {
    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }
}

/// 2026-11-23T16:21:04.123Z, a date with whole milliseconds.
let sampleDate = Date(timeIntervalSince1970: 1_795_450_864.123)
