public import TorvCore

public enum StaffUserPrefix: IDPrefix { public static let prefix = "stf" }
public typealias StaffUserID = TypedID<StaffUserPrefix>

public enum CustomerPrefix: IDPrefix { public static let prefix = "cus" }
public typealias CustomerID = TypedID<CustomerPrefix>

public enum APIKeyPrefix: IDPrefix { public static let prefix = "key" }
public typealias APIKeyID = TypedID<APIKeyPrefix>

public enum SessionPrefix: IDPrefix { public static let prefix = "ses" }
public typealias SessionID = TypedID<SessionPrefix>

public enum SellerUserPrefix: IDPrefix { public static let prefix = "susr" }
/// A person signing in for a marketplace seller; bound to exactly one seller.
public typealias SellerUserID = TypedID<SellerUserPrefix>
