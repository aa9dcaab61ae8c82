import Flows
import Foundation
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

@Suite("Buy requests (trade-ins and quote requests) in the store")
struct BuyRequestTests {
    static let poster = AuditActor(kind: "seller_user", id: "susr_poster")

    static func tradeIn(wanting quantity: Int = 10, at now: Date) -> NewBuyRequest {
        NewBuyRequest(
            kind: .tradeIn, title: "Used stoneware mugs", description: "Mugs without chips or cracks, any maker.",
            acceptedConditions: [.likeNew, .good], unitPriceCeiling: eur(400), currency: .eur,
            wantedQuantity: quantity, deadline: now.addingTimeInterval(7 * day))
    }

    static func post(
        _ new: NewBuyRequest, as poster: BuyRequestPoster, on platform: Platform
    ) async throws -> BuyRequest {
        try await platform.database.inTransaction { db in
            try await platform.sellers.postBuyRequest(new, as: poster, by: Self.poster, on: db)
        }
    }

    static func respond(
        to id: BuyRequestID, as respondent: BuyRespondent, price: Int64 = 300, quantity: Int = 2,
        condition: TradeInCondition? = .good, on platform: Platform
    ) async throws -> BuyResponse {
        try await platform.database.inTransaction { db in
            try await platform.sellers.respond(
                to: id, as: respondent,
                BuyResponseDraft(unitPrice: eur(price), quantity: quantity, condition: condition),
                by: AuditActor(kind: respondent.kind, id: respondent.id), on: db)
        }
    }

    static func decide(
        _ response: BuyResponseID, on id: BuyRequestID, postedBy poster: BuyRequestPoster, with sellers: Sellers,
        in database: Database
    ) async throws -> BuyRequestFile {
        try await database.inTransaction { db in
            try await sellers.decideBuyResponse(
                response, on: id, postedBy: poster, accept: true, by: Self.poster, on: db)
        }
    }

    @Test(
        "a business posts, consumers respond unseen by each other, the poster sees all and the trail",
        arguments: TestBackend.allCases)
    func postRespondDecide(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let sellers = platform.sellers
            let business = try await PayoutFixture.approvedSeller("Second Round", on: platform)
            let request = try await Self.post(Self.tradeIn(at: env.clock.now), as: .seller(business), on: platform)
            #expect(request.status(at: env.clock.now) == .open && request.remainingQuantity == 10)

            let ada = try await Self.respond(to: request.id, as: .customer("cus_ada"), quantity: 4, on: platform)
            let bob = try await Self.respond(to: request.id, as: .customer("cus_bob"), price: 250, on: platform)
            // One open response per respondent and request.
            await #expect(throws: BuyRequestError.responseExists) {
                _ = try await Self.respond(to: request.id, as: .customer("cus_ada"), on: platform)
            }
            // Respondents see their own responses only.
            let adas = try await platform.database.read { db in
                try await sellers.buyResponses(of: .customer("cus_ada"), after: nil, limit: 10, on: db)
            }
            #expect(adas.map(\.id) == [ada.id])
            await #expect(throws: BuyRequestError.responseNotFound) {
                _ = try await platform.database.read { db in
                    try await sellers.buyResponse(bob.id, of: .customer("cus_ada"), on: db)
                }
            }

            let file = try await platform.database.inTransaction { db in
                try await sellers.decideBuyResponse(
                    ada.id, on: request.id, postedBy: .seller(business), accept: true, quantity: 3, by: Self.poster,
                    on: db)
            }
            #expect(file.request.acceptedQuantity == 3 && file.request.status(at: env.clock.now) == .open)
            #expect(file.responses.map(\.status) == [.accepted, .open])
            #expect(file.responses.first?.acceptedQuantity == 3)
            #expect(file.trail.map(\.action) == ["posted", "response_accepted"])
            #expect(file.trail.last?.actor == "seller_user:susr_poster")
            // A decided response stays decided; another poster sees nothing.
            await #expect(throws: BuyRequestError.responseDecided(.accepted)) {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.decideBuyResponse(
                        ada.id, on: request.id, postedBy: .seller(business), accept: false, by: Self.poster, on: db)
                }
            }
            let other = try await PayoutFixture.approvedSeller("Other Goods", on: platform)
            await #expect(throws: BuyRequestError.requestNotFound) {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.decideBuyResponse(
                        bob.id, on: request.id, postedBy: .seller(other), accept: true, by: Self.poster, on: db)
                }
            }
            await #expect(throws: BuyRequestError.requestNotFound) {
                _ = try await platform.database.read { db in
                    try await sellers.buyRequestFile(request.id, postedBy: .marketplace, on: db)
                }
            }
            // Cancelling is for requests with nothing accepted; closing declines what is still open.
            await #expect(throws: BuyRequestError.hasAcceptedResponses) {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.closeBuyRequest(
                        request.id, postedBy: .seller(business), cancel: true, reason: nil, by: Self.poster, on: db)
                }
            }
            let closed = try await platform.database.inTransaction { db in
                try await sellers.closeBuyRequest(
                    request.id, postedBy: .seller(business), cancel: false, reason: "enough mugs", by: Self.poster,
                    on: db)
            }
            #expect(closed.request.storedStatus == .closed)
            #expect(closed.responses.map(\.status) == [.accepted, .declined])
            #expect(closed.trail.map(\.action) == ["posted", "response_accepted", "response_declined", "closed"])
            let events = try await platform.database.read { db in
                try await db.raw("SELECT type FROM outbox_events WHERE type LIKE 'buy_request.%' ORDER BY id").all()
                    .map { try $0.string("type") }
            }
            #expect(
                events == [
                    "buy_request.posted", "buy_request.response_received", "buy_request.response_received",
                    "buy_request.response_accepted", "buy_request.response_declined", "buy_request.ended",
                ])
            // The trail refuses edits.
            await #expect(throws: (any Error).self) {
                try await platform.database.inTransaction { db in
                    try await db.raw("DELETE FROM buy_request_steps").run()
                }
            }
        }
    }

    @Test(
        "posting and responding are refused with field pointers: ceiling, currency, condition, quantity, own request",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let now = env.clock.now
            let business = try await PayoutFixture.approvedSeller("Nordic Ceramics", on: platform)
            var bad = Self.tradeIn(at: now)
            bad.unitPriceCeiling = nil
            bad.acceptedConditions = []
            bad.deadline = now.addingTimeInterval(-1)
            do {
                _ = try await Self.post(bad, as: .seller(business), on: platform)
                Issue.record("posted a trade-in without a ceiling")
            } catch let error as ValidationError {
                #expect(
                    Set(error.fieldErrors.map(\.pointer)) == [
                        "/unit_price_ceiling", "/accepted_conditions", "/deadline",
                    ])
            }
            // An applicant is not a trading business.
            let applicant = try await platform.database.inTransaction { db in
                try await platform.sellers.apply(
                    SellerApplication(displayName: "Fresh Applicant", kind: .business), by: Self.poster,
                    requestID: nil, on: db
                ).id
            }
            await #expect(throws: SellersError.sellerNotTrading(.applied)) {
                _ = try await Self.post(Self.tradeIn(at: now), as: .seller(applicant), on: platform)
            }

            let request = try await Self.post(Self.tradeIn(wanting: 5, at: now), as: .marketplace, on: platform)
            do {
                _ = try await platform.database.inTransaction { db in
                    try await platform.sellers.respond(
                        to: request.id, as: .customer("cus_ada"),
                        BuyResponseDraft(
                            unitPrice: eur(401), quantity: 6, condition: .forParts,
                            note: String(repeating: "x", count: 1_001)),
                        by: Self.poster, on: db)
                }
                Issue.record("accepted a response above the ceiling")
            } catch let error as ValidationError {
                #expect(
                    Set(error.fieldErrors.map(\.pointer)) == ["/unit_price/amount", "/quantity", "/condition", "/note"])
            }
            do {
                _ = try await platform.database.inTransaction { db in
                    try await platform.sellers.respond(
                        to: request.id, as: .customer("cus_ada"),
                        BuyResponseDraft(unitPrice: usd(100), quantity: 1, condition: .good), by: Self.poster, on: db)
                }
                Issue.record("accepted a response in another currency")
            } catch let error as ValidationError {
                #expect(error.fieldErrors.map(\.pointer) == ["/unit_price/currency"])
            }
            // Sellers answer quote requests, consumers trade-ins, and nobody answers its own request.
            await #expect(throws: BuyRequestError.requestNotFound) {
                _ = try await Self.respond(to: request.id, as: .seller(business), on: platform)
            }
            var quote = Self.tradeIn(at: now)
            (quote.kind, quote.acceptedConditions, quote.unitPriceCeiling) = (.quote, [], nil)
            quote.neededBy = now.addingTimeInterval(30 * day)
            let quoteRequest = try await Self.post(quote, as: .seller(business), on: platform)
            await #expect(throws: BuyRequestError.ownRequest) {
                _ = try await Self.respond(to: quoteRequest.id, as: .seller(business), condition: nil, on: platform)
            }
            await #expect(throws: BuyRequestError.requestNotFound) {
                _ = try await Self.respond(to: quoteRequest.id, as: .customer("cus_ada"), condition: nil, on: platform)
            }
            let supplier = try await PayoutFixture.approvedSeller("Fjord Living", on: platform)
            let quoted = try await Self.respond(
                to: quoteRequest.id, as: .seller(supplier), price: 9_999, condition: nil, on: platform)
            #expect(quoted.status == .open)
            let open = try await platform.database.read { db in
                try await platform.sellers.openBuyRequests(for: .seller(business), after: nil, limit: 10, on: db)
            }
            #expect(open.isEmpty)
        }
    }

    @Test(
        "respondents change or withdraw until decided; past the deadline nothing moves and the sweep declines",
        arguments: TestBackend.allCases)
    func changesAndExpiry(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let sellers = platform.sellers
            let request = try await Self.post(Self.tradeIn(at: env.clock.now), as: .marketplace, on: platform)
            let ada = try await Self.respond(to: request.id, as: .customer("cus_ada"), on: platform)
            let bob = try await Self.respond(to: request.id, as: .customer("cus_bob"), on: platform)
            let changed = try await platform.database.inTransaction { db in
                try await sellers.updateBuyResponse(
                    ada.id, of: .customer("cus_ada"), BuyResponseDraft(unitPrice: eur(350), note: "boxed"), on: db)
            }
            #expect(changed.unitPrice == eur(350) && changed.quantity == 2 && changed.note == "boxed")
            await #expect(throws: BuyRequestError.responseNotFound) {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.withdrawBuyResponse(ada.id, of: .customer("cus_bob"), by: Self.poster, on: db)
                }
            }
            let withdrawn = try await platform.database.inTransaction { db in
                try await sellers.withdrawBuyResponse(
                    ada.id, of: .customer("cus_ada"), by: AuditActor(kind: "customer", id: "cus_ada"), on: db)
            }
            #expect(withdrawn.status == .withdrawn)
            // Withdrawn, Ada may respond again.
            _ = try await Self.respond(to: request.id, as: .customer("cus_ada"), on: platform)

            env.clock.advance(by: 7 * day)
            await #expect(throws: BuyRequestError.requestNotOpen(.expired)) {
                _ = try await Self.decide(
                    bob.id, on: request.id, postedBy: .marketplace, with: sellers, in: platform.database)
            }
            await #expect(throws: BuyRequestError.requestNotFound) {
                _ = try await Self.respond(to: request.id, as: .customer("cus_cy"), on: platform)
            }
            #expect(
                try await platform.database.inTransaction { db in try await sellers.expireBuyRequests(on: db) } == 1)
            #expect(
                try await platform.database.inTransaction { db in try await sellers.expireBuyRequests(on: db) } == 0)
            let file = try await platform.database.read { db in
                try await sellers.buyRequestFile(request.id, postedBy: nil, on: db)
            }
            #expect(file.request.storedStatus == .expired)
            #expect(file.responses.map(\.status) == [.withdrawn, .declined, .declined])
            #expect(file.trail.last?.action == "expired" && file.trail.last?.actor == "system:deadline")
        }
    }

    @Test(
        "concurrent acceptances never take more than wanted; the filling one closes the request",
        arguments: TestBackend.allCases)
    func concurrentAcceptance(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let sellers = platform.sellers
            let business = try await PayoutFixture.approvedSeller("Second Round", on: platform)
            let request = try await Self.post(
                Self.tradeIn(wanting: 12, at: env.clock.now), as: .seller(business), on: platform)
            var responses: [BuyResponseID] = []
            for index in 0..<10 {
                responses.append(
                    try await Self.respond(
                        to: request.id, as: .customer("cus_\(index)"), quantity: 3, on: platform
                    ).id)
            }
            let other = try await env.openAnotherPool()
            let databases = [platform.database, other]
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (index, response) in responses.enumerated() {
                    group.addTask {
                        do {
                            _ = try await Self.decide(
                                response, on: request.id, postedBy: .seller(business), with: sellers,
                                in: databases[index % 2])
                            return true
                        } catch is BuyRequestError {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            await other.shutdown()

            let file = try await platform.database.read { db in
                try await platform.sellers.buyRequestFile(request.id, postedBy: .seller(business), on: db)
            }
            #expect(outcomes.filter { $0 }.count == 4)
            #expect(file.request.acceptedQuantity == 12 && file.request.storedStatus == .closed)
            #expect(file.responses.compactMap(\.acceptedQuantity).reduce(0, +) == 12)
            #expect(file.responses.filter { $0.status == .accepted }.count == 4)
            #expect(file.responses.filter { $0.status == .declined }.count == 6)
            #expect(file.trail.map(\.action).filter { $0 == "response_accepted" }.count == 4)
            // Posted, four acceptances, six declined when it filled, closed: one numbered step each.
            #expect(file.trail.count == 12 && file.trail.last?.action == "closed")
        }
    }
}
