import Flows
import Foundation
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// Trust and safety: shoppers and rights owners report offers, sellers answer, operators decide.
extension APIHandlers {
    func reportOffer(_ input: Operations.ReportOffer.Input) async throws -> Operations.ReportOffer.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let offerID = try pathID(input.path.sellerOfferId, as: SellerOfferID.self, notFound: SellersError.offerNotFound)
        // A signed-in buyer is reached through their account; anyone else leaves an address.
        let contact = (try? Caller.customer().rawValue) ?? body.email ?? ""
        let report = CaseReport(
            offerID: offerID, reason: CaseReason(rawValue: body.reason.rawValue) ?? .misleading,
            reporter: body.reporter.flatMap { CaseReporter(rawValue: $0.rawValue) } ?? .buyer,
            reporterContact: contact, description: body.description, evidenceURLs: body.evidenceUrls ?? [])
        let sellers = platform.sellers
        let opened = try await platform.database.inTransaction { db in try await sellers.report(report, on: db) }
        return .accepted(.init(body: .json(.init(caseId: opened.id.rawValue, status: opened.status.rawValue))))
    }

    func listOwnSellerCases(
        _ input: Operations.ListOwnSellerCases.Input
    ) async throws -> Operations.ListOwnSellerCases.Output {
        let id = try ownSeller()
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerCaseID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.sellerCases(of: id, status: nil, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, forOperator: false) }, next: page.next))))
    }

    func respondToSellerCase(
        _ input: Operations.RespondToSellerCase.Input
    ) async throws -> Operations.RespondToSellerCase.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let caseID = try pathID(input.path.sellerCaseId, as: SellerCaseID.self, notFound: SellersError.caseNotFound)
        let sellers = platform.sellers
        let answered = try await platform.database.inTransaction { db in
            try await sellers.respond(to: caseID, of: id, response: body.response, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(answered, forOperator: false))))
    }

    func listSellerCases(_ input: Operations.ListSellerCases.Input) async throws -> Operations.ListSellerCases.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerCaseID.self)
        let status = input.query.status.flatMap { CaseStatus(rawValue: $0.rawValue) }
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.sellerCases(of: nil, status: status, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, forOperator: true) }, next: page.next))))
    }

    func decideSellerCase(_ input: Operations.DecideSellerCase.Input) async throws -> Operations.DecideSellerCase.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let caseID = try pathID(input.path.sellerCaseId, as: SellerCaseID.self, notFound: SellersError.caseNotFound)
        let (actor, sellers) = (try actor(), platform.sellers)
        let decided = try await platform.database.inTransaction { db in
            try await sellers.decide(
                caseID, takeDown: body.decision == .takeDown, reason: body.reason, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(decided, forOperator: true))))
    }
}

extension Components.Schemas.SellerCase {
    /// Sellers see everything but who reported them.
    init(_ sellerCase: SellerCase, forOperator: Bool) {
        self.init(
            id: sellerCase.id.rawValue, offerId: sellerCase.offerID.rawValue, sellerId: sellerCase.sellerID.rawValue,
            reason: .init(rawValue: sellerCase.reason.rawValue) ?? .misleading,
            reporter: .init(rawValue: sellerCase.reporter.rawValue) ?? .buyer,
            reporterContact: forOperator ? sellerCase.reporterContact : nil, description: sellerCase.description,
            evidenceUrls: sellerCase.evidenceURLs, status: .init(rawValue: sellerCase.status.rawValue) ?? .open,
            sellerResponse: sellerCase.sellerResponse, decisionReason: sellerCase.decisionReason,
            trail: sellerCase.events.map {
                .init(
                    action: $0.action,
                    actor: forOperator ? $0.actor : $0.actor.split(separator: ":").first.map(String.init) ?? "",
                    note: $0.note, at: $0.at)
            }, openedAt: sellerCase.openedAt, decidedAt: sellerCase.decidedAt)
    }
}
