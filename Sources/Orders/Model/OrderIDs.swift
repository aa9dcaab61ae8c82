public import TorvCore

public enum OrderPrefix: IDPrefix { public static let prefix = "ord" }
/// A placed order.
public typealias OrderID = TypedID<OrderPrefix>

public enum OrderLinePrefix: IDPrefix { public static let prefix = "oline" }
/// One snapshotted line of an order.
public typealias OrderLineID = TypedID<OrderLinePrefix>

public enum FulfilmentPrefix: IDPrefix { public static let prefix = "ful" }
/// One parcel or one pick-up of some of an order's units.
public typealias FulfilmentID = TypedID<FulfilmentPrefix>

public enum ReturnPrefix: IDPrefix { public static let prefix = "ret" }
/// A return merchandise authorisation (RMA).
public typealias ReturnID = TypedID<ReturnPrefix>

public enum OrderEventPrefix: IDPrefix { public static let prefix = "oev" }
/// One entry of an order's timeline.
public typealias OrderEventID = TypedID<OrderEventPrefix>

public enum SubOrderPrefix: IDPrefix { public static let prefix = "sord" }
/// One marketplace seller's part of an order.
public typealias SubOrderID = TypedID<SubOrderPrefix>
