import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    /// Returns matching `query`, newest first, `limit` at a time after the cursor (the last return of the
    /// previous page). IDs are time-ordered, so the cursor is stable while new returns arrive.
    public func returns(
        matching query: ReturnQuery, after cursor: ReturnID? = nil, limit: Int, on db: any SQLDatabase
    ) async throws -> [OrderReturn] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let cursor { conditions.append("r.id < \(bind: cursor.rawValue)") }
        if let status = query.status { conditions.append("r.status = \(bind: status.rawValue)") }
        if let customerID = query.customerID { conditions.append("o.customer_id = \(bind: customerID)") }
        return try await OrdersStore.returns(
            where: conditions.joined(separator: " AND "), newestFirst: Self.pageSize(limit), on: db)
    }
}
