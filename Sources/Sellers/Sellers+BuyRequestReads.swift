public import SQLKit
public import TorvCore

/// C2B requests as the poster and the operator read them.
extension Sellers {
    /// A request with every response and its trail: the poster's own (another poster's is not found), or any
    /// request for the operator (`postedBy: nil`).
    public func buyRequestFile(
        _ id: BuyRequestID, postedBy poster: BuyRequestPoster?, on db: any SQLDatabase
    ) async throws -> BuyRequestFile {
        guard
            let row = try await db.raw(
                """
                SELECT * FROM buy_requests WHERE id = \(bind: id.rawValue)
                AND (\(bind: poster == nil ? 1 : 0) = 1 OR COALESCE(seller_id, '') = \(bind: Self.posterKey(poster)))
                """
            ).first()
        else { throw BuyRequestError.requestNotFound }
        let responses = try await db.raw(
            "SELECT * FROM buy_responses WHERE request_id = \(bind: id.rawValue) ORDER BY id"
        ).all().map(BuyRequestsStore.response)
        let trail = try await db.raw(
            "SELECT * FROM buy_request_steps WHERE request_id = \(bind: id.rawValue) ORDER BY sequence"
        ).all().map(BuyRequestsStore.step)
        return BuyRequestFile(request: try BuyRequestsStore.request(row), responses: responses, trail: trail)
    }

    /// Requests oldest first: a poster's own, or every request for the operator (`postedBy: nil`).
    public func buyRequests(
        postedBy poster: BuyRequestPoster?, kind: BuyRequestKind?, after cursor: BuyRequestID?, limit: Int,
        on db: any SQLDatabase
    ) async throws -> [BuyRequest] {
        try await db.raw(
            """
            SELECT * FROM buy_requests WHERE id > \(bind: cursor?.rawValue ?? "")
            AND (\(bind: poster == nil ? 1 : 0) = 1 OR COALESCE(seller_id, '') = \(bind: Self.posterKey(poster)))
            AND (\(bind: kind?.rawValue) IS NULL OR kind = \(bind: kind?.rawValue))
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(BuyRequestsStore.request)
    }
}
