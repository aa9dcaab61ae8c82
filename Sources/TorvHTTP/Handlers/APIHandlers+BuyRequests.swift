import Flows
import Foundation
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// C2B requests: businesses (business sellers, the marketplace) post trade-ins and quote requests and decide
/// on responses; consumers answer trade-ins, sellers answer quote requests. Whose request or response it is
/// always comes from the caller, never from the request.
extension APIHandlers {
    // MARK: The poster: a business seller

    func postOwnBuyRequest(
        _ input: Operations.PostOwnBuyRequest.Input
    ) async throws -> Operations.PostOwnBuyRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let request = try await submitBuyRequest(try body.model(), as: .seller(try ownSeller()))
        return .created(.init(body: .json(.init(request, at: now))))
    }

    func listOwnBuyRequests(
        _ input: Operations.ListOwnBuyRequests.Input
    ) async throws -> Operations.ListOwnBuyRequests.Output {
        let page = try await buyRequestPage(
            postedBy: .seller(try ownSeller()), kind: nil, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func getOwnBuyRequest(_ input: Operations.GetOwnBuyRequest.Input) async throws -> Operations.GetOwnBuyRequest.Output
    {
        let file = try await buyRequestFile(input.path.buyRequestId, postedBy: .seller(try ownSeller()))
        return .ok(.init(body: .json(file)))
    }

    func decideOwnBuyResponse(
        _ input: Operations.DecideOwnBuyResponse.Input
    ) async throws -> Operations.DecideOwnBuyResponse.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let file = try await decideResponse(
            body, response: input.path.buyResponseId, on: input.path.buyRequestId, postedBy: .seller(try ownSeller()))
        return .ok(.init(body: .json(file)))
    }

    func closeOwnBuyRequest(
        _ input: Operations.CloseOwnBuyRequest.Input
    ) async throws -> Operations.CloseOwnBuyRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let file = try await endBuyRequest(body, input.path.buyRequestId, postedBy: .seller(try ownSeller()))
        return .ok(.init(body: .json(file)))
    }

    // MARK: The poster: the marketplace

    func postMarketplaceBuyRequest(
        _ input: Operations.PostMarketplaceBuyRequest.Input
    ) async throws -> Operations.PostMarketplaceBuyRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let request = try await submitBuyRequest(try body.model(), as: .marketplace)
        return .created(.init(body: .json(.init(request, at: now))))
    }

    func listBuyRequests(_ input: Operations.ListBuyRequests.Input) async throws -> Operations.ListBuyRequests.Output {
        let page = try await buyRequestPage(
            postedBy: nil, kind: input.query.kind.flatMap { BuyRequestKind(rawValue: $0.rawValue) },
            limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func getBuyRequest(_ input: Operations.GetBuyRequest.Input) async throws -> Operations.GetBuyRequest.Output {
        .ok(.init(body: .json(try await buyRequestFile(input.path.buyRequestId, postedBy: nil))))
    }

    func decideMarketplaceBuyResponse(
        _ input: Operations.DecideMarketplaceBuyResponse.Input
    ) async throws -> Operations.DecideMarketplaceBuyResponse.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let file = try await decideResponse(
            body, response: input.path.buyResponseId, on: input.path.buyRequestId, postedBy: .marketplace)
        return .ok(.init(body: .json(file)))
    }

    func closeMarketplaceBuyRequest(
        _ input: Operations.CloseMarketplaceBuyRequest.Input
    ) async throws -> Operations.CloseMarketplaceBuyRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        return .ok(.init(body: .json(try await endBuyRequest(body, input.path.buyRequestId, postedBy: .marketplace))))
    }

    // MARK: Respondents: sellers quoting

    func listOpenQuoteRequests(
        _ input: Operations.ListOpenQuoteRequests.Input
    ) async throws -> Operations.ListOpenQuoteRequests.Output {
        let page = try await openRequestPage(
            for: .seller(try ownSeller()), limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func getOpenQuoteRequest(
        _ input: Operations.GetOpenQuoteRequest.Input
    ) async throws -> Operations.GetOpenQuoteRequest.Output {
        let request = try await openRequest(input.path.buyRequestId, for: .seller(try ownSeller()))
        return .ok(.init(body: .json(.init(request, at: now))))
    }

    func respondToQuoteRequest(
        _ input: Operations.RespondToQuoteRequest.Input
    ) async throws -> Operations.RespondToQuoteRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let response = try await submitBuyResponse(
            to: input.path.buyRequestId, as: .seller(try ownSeller()), try body.model())
        return .created(.init(body: .json(.init(response))))
    }

    func listOwnQuotes(_ input: Operations.ListOwnQuotes.Input) async throws -> Operations.ListOwnQuotes.Output {
        let page = try await responsePage(
            of: .seller(try ownSeller()), limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func updateOwnQuote(_ input: Operations.UpdateOwnQuote.Input) async throws -> Operations.UpdateOwnQuote.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let response = try await changeBuyResponse(
            input.path.buyResponseId, of: .seller(try ownSeller()), try body.model())
        return .ok(.init(body: .json(.init(response))))
    }

    func withdrawOwnQuote(_ input: Operations.WithdrawOwnQuote.Input) async throws -> Operations.WithdrawOwnQuote.Output
    {
        let response = try await withdrawResponse(input.path.buyResponseId, of: .seller(try ownSeller()))
        return .ok(.init(body: .json(.init(response))))
    }

    // MARK: Respondents: consumers trading in

    func listTradeInRequests(
        _ input: Operations.ListTradeInRequests.Input
    ) async throws -> Operations.ListTradeInRequests.Output {
        // Guests browse too; a guest is a customer nobody is, which excludes nothing.
        let page = try await openRequestPage(
            for: .customer((try? Caller.customer().rawValue) ?? "guest"), limit: input.query.limit,
            after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func getTradeInRequest(
        _ input: Operations.GetTradeInRequest.Input
    ) async throws -> Operations.GetTradeInRequest.Output {
        let request = try await openRequest(
            input.path.buyRequestId, for: .customer((try? Caller.customer().rawValue) ?? "guest"))
        return .ok(.init(body: .json(.init(request, at: now))))
    }

    func respondToTradeInRequest(
        _ input: Operations.RespondToTradeInRequest.Input
    ) async throws -> Operations.RespondToTradeInRequest.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let response = try await submitBuyResponse(
            to: input.path.buyRequestId, as: .customer(try Caller.customer().rawValue), try body.model())
        return .created(.init(body: .json(.init(response))))
    }

    func listMyTradeInResponses(
        _ input: Operations.ListMyTradeInResponses.Input
    ) async throws -> Operations.ListMyTradeInResponses.Output {
        let page = try await responsePage(
            of: .customer(try Caller.customer().rawValue), limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(page)))
    }

    func updateMyTradeInResponse(
        _ input: Operations.UpdateMyTradeInResponse.Input
    ) async throws -> Operations.UpdateMyTradeInResponse.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let response = try await changeBuyResponse(
            input.path.buyResponseId, of: .customer(try Caller.customer().rawValue), try body.model())
        return .ok(.init(body: .json(.init(response))))
    }

    func withdrawMyTradeInResponse(
        _ input: Operations.WithdrawMyTradeInResponse.Input
    ) async throws -> Operations.WithdrawMyTradeInResponse.Output {
        let response = try await withdrawResponse(
            input.path.buyResponseId, of: .customer(try Caller.customer().rawValue))
        return .ok(.init(body: .json(.init(response))))
    }
}
