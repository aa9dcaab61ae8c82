public import TorvCore

public enum GiftCardPrefix: IDPrefix { public static let prefix = "gc" }
/// A gift card or a customer's store-credit account.
public typealias GiftCardID = TypedID<GiftCardPrefix>

public enum GiftCardMovementPrefix: IDPrefix { public static let prefix = "gcm" }
/// One change of a card's balance.
public typealias GiftCardMovementID = TypedID<GiftCardMovementPrefix>
