public import TorvCore

public enum StockLocationPrefix: IDPrefix { public static let prefix = "loc" }
/// A warehouse, store or pick-up point that holds stock.
public typealias StockLocationID = TypedID<StockLocationPrefix>

public enum StockReservationPrefix: IDPrefix { public static let prefix = "rsv" }
/// A hold on stock for one checkout or order.
public typealias StockReservationID = TypedID<StockReservationPrefix>

public enum StockMovementPrefix: IDPrefix { public static let prefix = "mov" }
/// One line of the stock movement journal.
public typealias StockMovementID = TypedID<StockMovementPrefix>

public enum StockDocumentPrefix: IDPrefix { public static let prefix = "sdoc" }
/// A staff action that moved stock (a receipt, adjustment, transfer or count). Its movements share the
/// ID, the way an ERP's material document groups its lines: a transfer's two legs belong together.
public typealias StockDocumentID = TypedID<StockDocumentPrefix>
