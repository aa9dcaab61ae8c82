public import TorvCore

public enum ProductPrefix: IDPrefix { public static let prefix = "prod" }
public typealias ProductID = TypedID<ProductPrefix>

/// A variant is a SKU: the thing that is stocked, priced and put in a cart.
public enum VariantPrefix: IDPrefix { public static let prefix = "var" }
public typealias VariantID = TypedID<VariantPrefix>

public enum CategoryPrefix: IDPrefix { public static let prefix = "cat" }
public typealias CategoryID = TypedID<CategoryPrefix>

public enum PriceListPrefix: IDPrefix { public static let prefix = "prl" }
public typealias PriceListID = TypedID<PriceListPrefix>

/// One line of the append-only price history.
public enum PriceChangePrefix: IDPrefix { public static let prefix = "prc" }
public typealias PriceChangeID = TypedID<PriceChangePrefix>
