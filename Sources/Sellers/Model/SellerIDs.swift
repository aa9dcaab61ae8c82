public import TorvCore

public enum SellerPrefix: IDPrefix { public static let prefix = "sel" }
/// A marketplace seller: a company or a private person selling through the platform.
public typealias SellerID = TypedID<SellerPrefix>

public enum SellerOfferPrefix: IDPrefix { public static let prefix = "sofr" }
/// One seller's offer of one catalogue variant in one condition.
public typealias SellerOfferID = TypedID<SellerOfferPrefix>

public enum SellerDocumentPrefix: IDPrefix { public static let prefix = "sdoc" }
/// An onboarding document a seller handed in (by reference).
public typealias SellerDocumentID = TypedID<SellerDocumentPrefix>

public enum CommissionRulePrefix: IDPrefix { public static let prefix = "comr" }
/// A platform-fee rule.
public typealias CommissionRuleID = TypedID<CommissionRulePrefix>

public enum SellerCasePrefix: IDPrefix { public static let prefix = "scase" }
/// A trust-and-safety case about an offer (counterfeit, prohibited, misleading).
public typealias SellerCaseID = TypedID<SellerCasePrefix>

public enum SellerMovementPrefix: IDPrefix { public static let prefix = "smov" }
/// One row of a seller's append-only account.
public typealias SellerMovementID = TypedID<SellerMovementPrefix>

public enum PayoutRunPrefix: IDPrefix { public static let prefix = "prun" }
/// One payout run over every seller with money in one currency.
public typealias PayoutRunID = TypedID<PayoutRunPrefix>

public enum SellerPayoutPrefix: IDPrefix { public static let prefix = "pout" }
/// Money sent (or held back) for one seller in one payout run.
public typealias SellerPayoutID = TypedID<SellerPayoutPrefix>

public enum BuyRequestPrefix: IDPrefix { public static let prefix = "breq" }
/// A business's request to buy (a trade-in) or to be quoted; consumers or sellers respond to it.
public typealias BuyRequestID = TypedID<BuyRequestPrefix>

public enum BuyResponsePrefix: IDPrefix { public static let prefix = "bresp" }
/// One respondent's offer on a buy request.
public typealias BuyResponseID = TypedID<BuyResponsePrefix>
