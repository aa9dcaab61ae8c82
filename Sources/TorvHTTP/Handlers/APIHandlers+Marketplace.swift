import Catalog
import Flows
import Foundation
import Identity
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// The marketplace operator's review of sellers and fee schedule, and what shoppers see of sellers.
extension APIHandlers {
    func listSellers(_ input: Operations.ListSellers.Input) async throws -> Operations.ListSellers.Output {
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerID.self)
        let status = input.query.status.flatMap { SellerStatus(rawValue: $0.rawValue) }
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.sellers(status: status, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        let now = now
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, at: now) }, next: page.next))))
    }

    func getSeller(_ input: Operations.GetSeller.Input) async throws -> Operations.GetSeller.Output {
        let id = try pathID(input.path.sellerId, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let sellers = platform.sellers
        let (seller, history) = try await platform.database.read { db in
            (try await sellers.seller(id, on: db), try await sellers.history(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(seller, at: now, history: history))))
    }

    func transitionSeller(_ input: Operations.TransitionSeller.Input) async throws -> Operations.TransitionSeller.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.sellerId, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let target = SellerStatus(rawValue: body.to.rawValue) ?? .applied
        let actor = try actor()
        let (sellers, identity) = (platform.sellers, platform.identity)
        let seller = try await platform.database.inTransaction { db in
            let seller = try await sellers.transition(
                id, to: target, reason: body.reason, as: .operator, by: actor, requestID: RequestInfo.requestID, on: db)
            // A closed seller's people are signed out at once.
            if target == .closed { try await identity.endSellerSessions(of: id.rawValue, on: db) }
            return seller
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func setSellerPlan(_ input: Operations.SetSellerPlan.Input) async throws -> Operations.SetSellerPlan.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.sellerId, as: SellerID.self, notFound: SellersError.sellerNotFound)
        let actor = try actor()
        let sellers = platform.sellers
        let seller = try await platform.database.inTransaction { db in
            try await sellers.setPlan(id, plan: body.plan, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func getCommissionRules(
        _ input: Operations.GetCommissionRules.Input
    ) async throws -> Operations.GetCommissionRules.Output {
        let sellers = platform.sellers
        let rules = try await platform.database.read { db in try await sellers.commissionRules(on: db) }
        return .ok(.init(body: .json(.init(rules: rules.map(Components.Schemas.CommissionRule.init)))))
    }

    func setCommissionRules(
        _ input: Operations.SetCommissionRules.Input
    ) async throws -> Operations.SetCommissionRules.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let sellers = platform.sellers
        var rules: [CommissionRule] = []
        for (index, rule) in body.rules.enumerated() {
            let pointer = "/rules/\(index)"
            rules.append(
                CommissionRule(
                    id: rule.id ?? sellers.newCommissionRuleID(), sellerID: rule.sellerId, categoryID: rule.categoryId,
                    plan: rule.plan, percentBasisPoints: Int(rule.percentBasisPoints),
                    fixedPerItem: try rule.fixedPerItem.map { try Self.money($0, at: pointer + "/fixed_per_item") },
                    minimumPerLine: try rule.minimumPerLine.map {
                        try Self.money($0, at: pointer + "/minimum_per_line")
                    }
                ))
        }
        let (actor, schedule) = (try actor(), rules)
        let stored = try await platform.database.inTransaction { db in
            try await sellers.setCommissionRules(schedule, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(rules: stored.map(Components.Schemas.CommissionRule.init)))))
    }

    func getSellerProfile(_ input: Operations.GetSellerProfile.Input) async throws -> Operations.GetSellerProfile.Output
    {
        // Only approved sellers have a public face; the others do not exist for shoppers.
        let (seller, rating) = try await SellerReputation.publicSeller(handle: input.path.handle, on: platform)
        var profile = Components.Schemas.PublicSeller(seller, at: now)
        profile.rating = .init(rating)
        return .ok(.init(body: .json(profile)))
    }

    func listProductOffers(
        _ input: Operations.ListProductOffers.Input
    ) async throws -> Operations.ListProductOffers.Output {
        let catalog = platform.catalog
        let slug = input.path.slug
        let product = try await platform.database.read { db in try await catalog.product(slug: slug, on: db) }
        guard product.isVisible else { throw CatalogError.productNotFound }
        let ranked = try await Marketplace.offers(forProduct: product.id, on: platform)
        let now = now
        return .ok(.init(body: .json(.init(items: ranked.map { .init($0, at: now) }))))
    }
}
