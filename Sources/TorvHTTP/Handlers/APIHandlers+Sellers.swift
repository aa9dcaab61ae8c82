import Flows
import Foundation
import Identity
import Persistence
import Sellers
import TorvAPI
import TorvCore

/// The seller surface: applying, signing in, and a seller user's own seller, users and offers. Every
/// handler takes the seller from the signed-in seller user (`Caller.seller()`), never from the request.
extension APIHandlers {
    func applyToSell(_ input: Operations.ApplyToSell.Input) async throws -> Operations.ApplyToSell.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let application = SellerApplication(
            displayName: body.displayName, handle: body.handle,
            kind: SellerKind(rawValue: body.kind.rawValue) ?? .business,
            onboarding: body.onboarding?.model ?? SellerOnboarding())
        let (seller, owner) = try await Marketplace.apply(
            application, ownerEmail: body.owner.email, ownerPassword: body.owner.password, ownerName: body.owner.name,
            requestID: RequestInfo.requestID, on: platform)
        return .created(.init(body: .json(.init(seller: .init(seller, at: now), owner: .init(owner)))))
    }

    func loginSellerUser(_ input: Operations.LoginSellerUser.Input) async throws -> Operations.LoginSellerUser.Output {
        guard case .json(let credentials) = input.body else { throw IdentityError.invalidCredentials }
        let (session, user) = try await platform.identity.loginSellerUser(
            email: credentials.email, password: credentials.password, in: platform.database)
        return .ok(.init(body: .json(.init(session: .init(session), user: .init(user)))))
    }

    func getOwnSeller(_ input: Operations.GetOwnSeller.Input) async throws -> Operations.GetOwnSeller.Output {
        let id = try ownSeller()
        let sellers = platform.sellers
        let (seller, history) = try await platform.database.read { db in
            (try await sellers.seller(id, on: db), try await sellers.history(of: id, on: db))
        }
        return .ok(.init(body: .json(.init(seller, at: now, history: history))))
    }

    func setOwnSellerProfile(
        _ input: Operations.SetOwnSellerProfile.Input
    ) async throws -> Operations.SetOwnSellerProfile.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let profile = try body.model()
        let sellers = platform.sellers
        let seller = try await platform.database.inTransaction { db in
            try await sellers.setProfile(id, profile, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func setOwnSellerOnboarding(
        _ input: Operations.SetOwnSellerOnboarding.Input
    ) async throws -> Operations.SetOwnSellerOnboarding.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let sellers = platform.sellers
        let seller = try await platform.database.inTransaction { db in
            try await sellers.setOnboarding(id, body.model, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func addOwnSellerDocument(
        _ input: Operations.AddOwnSellerDocument.Input
    ) async throws -> Operations.AddOwnSellerDocument.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let kind = SellerDocument.Kind(rawValue: body.kind.rawValue) ?? .identity
        let sellers = platform.sellers
        let document = try await platform.database.inTransaction { db in
            try await sellers.addDocument(id, kind: kind, url: body.url, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(document))))
    }

    func submitOwnSellerForReview(
        _ input: Operations.SubmitOwnSellerForReview.Input
    ) async throws -> Operations.SubmitOwnSellerForReview.Output {
        let (id, actor) = (try ownSeller(), try actor())
        let sellers = platform.sellers
        let seller = try await platform.database.inTransaction { db in
            try await sellers.transition(
                id, to: .underReview, reason: nil, as: .seller, by: actor, requestID: RequestInfo.requestID, on: db)
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func setOwnSellerHoliday(
        _ input: Operations.SetOwnSellerHoliday.Input
    ) async throws -> Operations.SetOwnSellerHoliday.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let sellers = platform.sellers
        let seller = try await platform.database.inTransaction { db in
            try await sellers.setHoliday(id, until: body.until, message: body.message, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(seller, at: now))))
    }

    func listOwnSellerUsers(
        _ input: Operations.ListOwnSellerUsers.Input
    ) async throws -> Operations.ListOwnSellerUsers.Output {
        let id = try ownSeller()
        let identity = platform.identity
        let users = try await platform.database.read { db in try await identity.sellerUsers(of: id.rawValue, on: db) }
        return .ok(.init(body: .json(.init(items: users.map(Components.Schemas.SellerUser.init)))))
    }

    func addOwnSellerUser(_ input: Operations.AddOwnSellerUser.Input) async throws -> Operations.AddOwnSellerUser.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let identity = platform.identity
        let draft = try await identity.prepareSellerUser(
            email: body.email, password: body.password, name: body.name,
            role: SellerRole(rawValue: body.role.rawValue) ?? .fulfilment)
        let user = try await platform.database.inTransaction { db in
            try await identity.insertSellerUser(draft, sellerID: id.rawValue, by: actor, on: db)
        }
        return .created(.init(body: .json(.init(user))))
    }

    func setOwnSellerUserDisabled(
        _ input: Operations.SetOwnSellerUserDisabled.Input
    ) async throws -> Operations.SetOwnSellerUserDisabled.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let userID = try pathID(
            input.path.sellerUserId, as: SellerUserID.self, notFound: IdentityError.sellerUserNotFound)
        let identity = platform.identity
        let user = try await platform.database.inTransaction { db in
            try await identity.setSellerUserDisabled(
                userID, of: id.rawValue, disabled: body.disabled, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(user))))
    }

    func listOwnSellerOffers(
        _ input: Operations.ListOwnSellerOffers.Input
    ) async throws -> Operations.ListOwnSellerOffers.Output {
        let id = try ownSeller()
        let limit = try Paging.limit(input.query.limit)
        let cursor = try Paging.cursor(input.query.after, as: SellerOfferID.self)
        let sellers = platform.sellers
        let fetched = try await platform.database.read { db in
            try await sellers.offers(of: id, after: cursor, limit: limit + 1, on: db)
        }
        let page = Paging.page(fetched, limit: limit) { $0.id.rawValue }
        return .ok(.init(body: .json(.init(items: page.items.map { .init($0, fee: nil) }, next: page.next))))
    }

    func createOwnSellerOffer(
        _ input: Operations.CreateOwnSellerOffer.Input
    ) async throws -> Operations.CreateOwnSellerOffer.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let listing = OfferListing(
            variantID: body.variantId,
            condition: body.condition.flatMap { OfferCondition(rawValue: $0.rawValue) } ?? .new,
            conditionNote: body.conditionNote, price: try Self.money(body.price, at: "/price"),
            quantity: Int(body.quantity), handlingDays: body.handlingDays.map(Int.init),
            status: body.status.flatMap { SellerOfferStatus(rawValue: $0.rawValue) } ?? .active)
        let offer = try await Marketplace.listOffer(listing, for: id, by: actor, on: platform)
        let fee = try await Marketplace.feePreview(
            for: id, variantID: offer.variantID, unitPrice: offer.price, quantity: 1, on: platform)
        return .created(.init(body: .json(.init(offer, fee: fee))))
    }

    func getOwnSellerOffer(
        _ input: Operations.GetOwnSellerOffer.Input
    ) async throws -> Operations.GetOwnSellerOffer.Output {
        let id = try ownSeller()
        let offerID = try pathID(input.path.sellerOfferId, as: SellerOfferID.self, notFound: SellersError.offerNotFound)
        let sellers = platform.sellers
        let offer = try await platform.database.read { db in try await sellers.offer(offerID, of: id, on: db) }
        let fee = try await Marketplace.feePreview(
            for: id, variantID: offer.variantID, unitPrice: offer.price, quantity: 1, on: platform)
        return .ok(.init(body: .json(.init(offer, fee: fee))))
    }

    func updateOwnSellerOffer(
        _ input: Operations.UpdateOwnSellerOffer.Input
    ) async throws -> Operations.UpdateOwnSellerOffer.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (id, actor) = (try ownSeller(), try actor())
        let offerID = try pathID(input.path.sellerOfferId, as: SellerOfferID.self, notFound: SellersError.offerNotFound)
        let changes = SellerOfferChanges(
            price: try body.price.map { try Self.money($0, at: "/price") }, quantity: body.quantity.map(Int.init),
            handlingDays: body.handlingDays.map(Int.init), conditionNote: body.conditionNote,
            status: body.status.flatMap { SellerOfferStatus(rawValue: $0.rawValue) })
        let sellers = platform.sellers
        let offer = try await platform.database.inTransaction { db in
            try await sellers.updateOffer(offerID, of: id, changes, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(offer, fee: nil))))
    }

    func previewSellerFee(_ input: Operations.PreviewSellerFee.Input) async throws -> Operations.PreviewSellerFee.Output
    {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let quote = try await Marketplace.feePreview(
            for: try ownSeller(), variantID: body.variantId,
            unitPrice: try Self.money(body.unitPrice, at: "/unit_price"),
            quantity: Int(body.quantity ?? 1), on: platform)
        return .ok(.init(body: .json(.init(quote))))
    }

    /// The signed-in seller user's seller.
    func ownSeller() throws -> SellerID {
        guard let id = SellerID(try Caller.seller().sellerID) else { throw RequestError.wrongPrincipal }
        return id
    }

    var now: Date { platform.clock.now() }
}
