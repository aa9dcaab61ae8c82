import Flows
import Foundation
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// The calls behind the buy-request routes, shared by the seller, admin and storefront surfaces: each opens
/// one transaction (or one read) and names the poster or respondent from the caller.
extension APIHandlers {
    func submitBuyRequest(_ new: NewBuyRequest, as poster: BuyRequestPoster) async throws -> BuyRequest {
        let (actor, sellers) = (try actor(), platform.sellers)
        return try await platform.database.inTransaction { db in
            try await sellers.postBuyRequest(new, as: poster, by: actor, requestID: actor.requestID, on: db)
        }
    }

    func buyRequestPage(
        postedBy poster: BuyRequestPoster?, kind: BuyRequestKind?, limit: Int?, after: String?
    ) async throws -> Components.Schemas.BuyRequestPage {
        let limit = try Paging.limit(limit)
        let cursor = try Paging.cursor(after, as: BuyRequestID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.buyRequests(postedBy: poster, kind: kind, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        let now = self.now
        return .init(items: page.items.map { .init($0, at: now) }, next: page.next)
    }

    func buyRequestFile(
        _ id: String, postedBy poster: BuyRequestPoster?
    ) async throws -> Components.Schemas.BuyRequestFile {
        let requestID = try pathID(id, as: BuyRequestID.self, notFound: BuyRequestError.requestNotFound)
        let sellers = platform.sellers
        let file = try await platform.database.read { db in
            try await sellers.buyRequestFile(requestID, postedBy: poster, on: db)
        }
        return .init(file, at: now)
    }

    func decideResponse(
        _ body: Components.Schemas.BuyResponseDecision, response: String, on request: String,
        postedBy poster: BuyRequestPoster
    ) async throws -> Components.Schemas.BuyRequestFile {
        let requestID = try pathID(request, as: BuyRequestID.self, notFound: BuyRequestError.requestNotFound)
        let responseID = try pathID(response, as: BuyResponseID.self, notFound: BuyRequestError.responseNotFound)
        let (actor, sellers) = (try actor(), platform.sellers)
        let file = try await platform.database.inTransaction { db in
            try await sellers.decideBuyResponse(
                responseID, on: requestID, postedBy: poster, accept: body.decision == .accept,
                quantity: body.quantity.map(Int.init), reason: body.reason, by: actor, requestID: actor.requestID,
                on: db)
        }
        return .init(file, at: now)
    }

    func endBuyRequest(
        _ body: Components.Schemas.BuyRequestClosing, _ request: String, postedBy poster: BuyRequestPoster
    ) async throws -> Components.Schemas.BuyRequestFile {
        let requestID = try pathID(request, as: BuyRequestID.self, notFound: BuyRequestError.requestNotFound)
        let (actor, sellers) = (try actor(), platform.sellers)
        let file = try await platform.database.inTransaction { db in
            try await sellers.closeBuyRequest(
                requestID, postedBy: poster, cancel: body.outcome == .cancelled, reason: body.reason, by: actor,
                requestID: actor.requestID, on: db)
        }
        return .init(file, at: now)
    }

    func openRequestPage(
        for respondent: BuyRespondent, limit: Int?, after: String?
    ) async throws -> Components.Schemas.BuyRequestPage {
        let limit = try Paging.limit(limit)
        let cursor = try Paging.cursor(after, as: BuyRequestID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.openBuyRequests(for: respondent, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        let now = self.now
        return .init(items: page.items.map { .init($0, at: now) }, next: page.next)
    }

    func openRequest(_ id: String, for respondent: BuyRespondent) async throws -> BuyRequest {
        let requestID = try pathID(id, as: BuyRequestID.self, notFound: BuyRequestError.requestNotFound)
        let sellers = platform.sellers
        return try await platform.database.read { db in
            try await sellers.openBuyRequest(requestID, for: respondent, on: db)
        }
    }

    func submitBuyResponse(
        to request: String, as respondent: BuyRespondent, _ draft: BuyResponseDraft
    ) async throws -> BuyResponse {
        let requestID = try pathID(request, as: BuyRequestID.self, notFound: BuyRequestError.requestNotFound)
        let (actor, sellers) = (try actor(), platform.sellers)
        return try await platform.database.inTransaction { db in
            try await sellers.respond(
                to: requestID, as: respondent, draft, by: actor, requestID: actor.requestID, on: db)
        }
    }

    func responsePage(
        of respondent: BuyRespondent, limit: Int?, after: String?
    ) async throws -> Components.Schemas.BuyResponsePage {
        let limit = try Paging.limit(limit)
        let cursor = try Paging.cursor(after, as: BuyResponseID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.buyResponses(of: respondent, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .init(items: page.items.map(Components.Schemas.BuyResponse.init), next: page.next)
    }

    func changeBuyResponse(
        _ response: String, of respondent: BuyRespondent, _ changes: BuyResponseDraft
    ) async throws -> BuyResponse {
        let responseID = try pathID(response, as: BuyResponseID.self, notFound: BuyRequestError.responseNotFound)
        let sellers = platform.sellers
        return try await platform.database.inTransaction { db in
            try await sellers.updateBuyResponse(responseID, of: respondent, changes, on: db)
        }
    }

    func withdrawResponse(_ response: String, of respondent: BuyRespondent) async throws -> BuyResponse {
        let responseID = try pathID(response, as: BuyResponseID.self, notFound: BuyRequestError.responseNotFound)
        let (actor, sellers) = (try actor(), platform.sellers)
        return try await platform.database.inTransaction { db in
            try await sellers.withdrawBuyResponse(responseID, of: respondent, by: actor, on: db)
        }
    }
}
