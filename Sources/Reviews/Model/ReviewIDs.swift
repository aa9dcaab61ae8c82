public import TorvCore

public enum ReviewPrefix: IDPrefix { public static let prefix = "rev" }
/// A buyer's review of what they bought.
public typealias ReviewID = TypedID<ReviewPrefix>
