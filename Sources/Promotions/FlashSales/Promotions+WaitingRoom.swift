import Crypto
public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Promotions {
    /// Gives the customer a place in the sale's waiting room, in arrival order, with a fresh token.
    ///
    /// Joining again keeps the place (a shopper on a second device is not sent to the back) and replaces
    /// the token; only a place whose admission window has passed goes to the back of the queue.
    public func joinQueue(
        _ saleID: FlashSaleID, customerID: String, clientAddress: String?, on db: any SQLDatabase
    ) async throws -> (ticket: QueueTicket, sale: FlashSale) {
        let now = self.now
        let sale = try await PromotionsStore.loadFlashSale(saleID, on: db)
        try Self.requireOpen(sale, at: now)
        let token = Self.queueToken()
        let digest = Self.digest(token)
        if let existing = try await PromotionsStore.ticket(saleID, customerID: customerID, on: db) {
            var ticket = existing
            if case .expired = existing.status(at: now, in: sale) {
                (ticket.position, ticket.admissionAt) = try await PromotionsStore.nextPlace(sale, at: now, on: db)
                ticket.joinedAt = now
            }
            try await db.raw(
                """
                UPDATE promotion_flash_queue
                SET token_digest = \(bind: digest), position = \(bind: ticket.position),
                    joined_at = \(bind: ticket.joinedAt.epochMicroseconds),
                    admission_at = \(bind: ticket.admissionAt.epochMicroseconds)
                WHERE sale_id = \(bind: saleID.rawValue) AND customer_id = \(bind: customerID)
                """
            ).run()
            ticket.token = token
            return (ticket, try await PromotionsStore.loadFlashSale(saleID, on: db))
        }
        let (position, admissionAt) = try await PromotionsStore.nextPlace(sale, at: now, on: db)
        let inserted = try await db.raw(
            """
            INSERT INTO promotion_flash_queue
                (sale_id, position, customer_id, token_digest, client_address, joined_at, admission_at)
            VALUES (\(bind: saleID.rawValue), \(bind: position), \(bind: customerID), \(bind: digest),
                    \(bind: clientAddress), \(bind: now.epochMicroseconds), \(bind: admissionAt.epochMicroseconds))
            ON CONFLICT (sale_id, customer_id) DO NOTHING
            RETURNING position
            """
        ).first()
        guard inserted != nil else {
            // The same customer joined at the same moment in another request: that place stands, with
            // this request's token. The skipped position is a gap nobody waits behind.
            return try await joinQueue(saleID, customerID: customerID, clientAddress: clientAddress, on: db)
        }
        let ticket = QueueTicket(
            saleID: saleID, position: position, customerID: customerID, joinedAt: now, admissionAt: admissionAt,
            token: token)
        return (ticket, try await PromotionsStore.loadFlashSale(saleID, on: db))
    }

    /// The customer's place in the sale's queue (without its token), or `nil`.
    public func queueTicket(
        _ saleID: FlashSaleID, customerID: String, on db: any SQLDatabase
    ) async throws -> QueueTicket? {
        try await PromotionsStore.ticket(saleID, customerID: customerID, on: db)
    }

    /// Holds `quantity` units for an admitted customer until their hold expires.
    ///
    /// One guarded update on the sale's row takes the units (`held + sold + withdrawn + quantity ≤
    /// quantity`, behind a CHECK), so concurrent claims never take one unit more than the sale has. The
    /// customer's own units are counted after that update has locked the row: two claims of one customer
    /// at once are counted one after the other. A refused claim writes nothing.
    public func claim(
        _ saleID: FlashSaleID, customerID: String, token: String, quantity: Int, on db: any SQLDatabase
    ) async throws -> [FlashClaim] {
        let now = self.now
        let sale = try await PromotionsStore.loadFlashSale(saleID, on: db)
        try Self.requireOpen(sale, at: now)
        guard let ticket = try await PromotionsStore.ticket(saleID, customerID: customerID, on: db) else {
            throw FlashSaleError.notInQueue
        }
        guard let digest = try await PromotionsStore.ticketDigest(saleID, customerID: customerID, on: db),
            Self.constantTimeEqual(digest, Self.digest(token))
        else { throw FlashSaleError.invalidToken }
        switch ticket.status(at: now, in: sale) {
        case .waiting(_, let admissionAt): throw FlashSaleError.notYetAdmitted(admissionAt: admissionAt)
        case .expired: throw FlashSaleError.admissionExpired
        case .soldOut: throw FlashSaleError.soldOut
        case .closed: throw FlashSaleError.ended
        case .admitted: break
        }
        guard quantity >= 1 else {
            var validator = Validator()
            validator.add(FlashSaleError.invalidQuantity, at: "/quantity")
            throw ValidationError(validator.errors)
        }
        // Checked before and after the lock: before, so the common case names the limit rather than the
        // stock; after, so a customer's concurrent claims cannot both pass.
        if try await PromotionsStore.unitsOf(customerID, in: saleID, on: db) + quantity > sale.perCustomerLimit {
            throw FlashSaleError.customerLimitReached(limit: sale.perCustomerLimit)
        }
        try await PromotionsStore.expireClaims(of: saleID, at: now, on: db)
        guard
            try await db.raw(
                """
                UPDATE promotion_flash_sales SET held = held + \(bind: quantity)
                WHERE id = \(bind: saleID.rawValue) AND cancelled_at IS NULL
                  AND held + sold + withdrawn + \(bind: quantity) <= quantity
                RETURNING id
                """
            ).first() != nil
        else {
            let current = try await PromotionsStore.loadFlashSale(saleID, on: db)
            throw current.isSoldOut ? FlashSaleError.soldOut : FlashSaleError.allHeld
        }
        if try await PromotionsStore.unitsOf(customerID, in: saleID, on: db) + quantity > sale.perCustomerLimit {
            throw FlashSaleError.customerLimitReached(limit: sale.perCustomerLimit)
        }
        let expiresAt = now.addingTimeInterval(Double(sale.room.holdSeconds))
        var claims: [FlashClaim] = []
        for _ in 0..<quantity {
            let claim = FlashClaim(
                id: FlashClaimID.generate(ids, at: now), saleID: saleID, customerID: customerID, status: .held,
                expiresAt: expiresAt, reference: nil, createdAt: now)
            try await db.raw(
                """
                INSERT INTO promotion_flash_claims (id, sale_id, customer_id, position, status, expires_at, created_at)
                VALUES (\(bind: claim.id.rawValue), \(bind: saleID.rawValue), \(bind: customerID),
                        \(bind: ticket.position), 'held', \(bind: expiresAt.epochMicroseconds), \(bind: now.epochMicroseconds))
                """
            ).run()
            claims.append(claim)
        }
        return claims
    }

    static func requireOpen(_ sale: FlashSale, at now: Date) throws {
        switch sale.phase(at: now) {
        case .scheduled: throw FlashSaleError.notStarted(startsAt: sale.startsAt)
        case .ended, .cancelled: throw FlashSaleError.ended
        case .soldOut: throw FlashSaleError.soldOut
        case .live: break
        }
    }

    static func queueToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "q_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension PromotionsStore {
    static func ticket(_ saleID: FlashSaleID, customerID: String, on db: any SQLDatabase) async throws -> QueueTicket? {
        try await db.raw(
            """
            SELECT position, joined_at, admission_at FROM promotion_flash_queue
            WHERE sale_id = \(bind: saleID.rawValue) AND customer_id = \(bind: customerID)
            """
        ).first().map { row in
            QueueTicket(
                saleID: saleID, position: try row.int("position"), customerID: customerID,
                joinedAt: try row.date("joined_at"), admissionAt: try row.date("admission_at"), token: nil)
        }
    }

    static func ticketDigest(_ saleID: FlashSaleID, customerID: String, on db: any SQLDatabase) async throws -> String?
    {
        try await db.raw(
            """
            SELECT token_digest FROM promotion_flash_queue
            WHERE sale_id = \(bind: saleID.rawValue) AND customer_id = \(bind: customerID)
            """
        ).first().map { try $0.string("token_digest") }
    }

    /// The next place in the queue and its admission moment, by one guarded update of the queue's head
    /// (see ``WaitingRoom``): concurrent joins are numbered and spaced one after the other.
    static func nextPlace(_ sale: FlashSale, at now: Date, on db: any SQLDatabase) async throws -> (Int, Date) {
        let earliest = max(now, sale.room.opensAt).epochMicroseconds
        let step = sale.room.spacingMicroseconds
        guard
            let row = try await db.raw(
                """
                UPDATE promotion_flash_queue_heads
                SET length = length + 1,
                    admits_at = CASE WHEN admits_at IS NULL OR admits_at + \(bind: step) < \(bind: earliest)
                                     THEN \(bind: earliest) ELSE admits_at + \(bind: step) END
                WHERE sale_id = \(bind: sale.id.rawValue)
                RETURNING length, admits_at
                """
            ).first()
        else { throw FlashSaleError.notFound }
        return (try row.int("length"), try row.date("admits_at"))
    }

    /// Units the customer holds or has ordered in the sale.
    static func unitsOf(_ customerID: String, in saleID: FlashSaleID, on db: any SQLDatabase) async throws -> Int {
        try await db.raw(
            """
            SELECT COUNT(*) AS units FROM promotion_flash_claims
            WHERE customer_id = \(bind: customerID) AND sale_id = \(bind: saleID.rawValue)
              AND status IN ('held', 'ordered')
            """
        ).first()?.int("units") ?? 0
    }
}
