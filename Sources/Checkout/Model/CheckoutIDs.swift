public import TorvCore

public enum CartPrefix: IDPrefix { public static let prefix = "cart" }
/// A shopper's cart: variant IDs and quantities, never prices.
public typealias CartID = TypedID<CartPrefix>

public enum CartLinePrefix: IDPrefix { public static let prefix = "cline" }
/// One variant in one cart.
public typealias CartLineID = TypedID<CartLinePrefix>

public enum ShippingZonePrefix: IDPrefix { public static let prefix = "shz" }
/// A set of destination countries that share shipping methods.
public typealias ShippingZoneID = TypedID<ShippingZonePrefix>

public enum ShippingMethodPrefix: IDPrefix { public static let prefix = "shm" }
/// One way of delivering to a zone, with its rate table.
public typealias ShippingMethodID = TypedID<ShippingMethodPrefix>
