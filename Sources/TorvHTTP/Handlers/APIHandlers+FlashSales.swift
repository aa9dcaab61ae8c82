import Catalog
import Flows
import Foundation
import Persistence
import Promotions
import TorvAPI
import TorvCore

/// Flash sales: set up and watched by marketing; queued for, claimed and counted down by shoppers.
extension APIHandlers {
    func listFlashSales(_ input: Operations.ListFlashSales.Input) async throws -> Operations.ListFlashSales.Output {
        let promotions = platform.promotions
        let now = platform.clock.now()
        let sales = try await platform.database.read { db in try await promotions.flashSales(on: db) }
        return .ok(.init(body: .json(.init(items: sales.map { .init($0, at: now) }))))
    }

    func createFlashSale(_ input: Operations.CreateFlashSale.Input) async throws -> Operations.CreateFlashSale.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let new = NewFlashSale(
            title: body.title, variantID: body.variantId, channel: body.channel ?? "web",
            price: try Self.money(body.price, at: "/price"), quantity: Int(body.quantity),
            perCustomerLimit: Int(body.perCustomerLimit ?? 1), startsAt: body.startsAt, endsAt: body.endsAt,
            admissionsPerMinute: Int(body.admissionsPerMinute ?? 600), holdMinutes: Int(body.holdMinutes ?? 10),
            campaignID: try Self.campaignID(body.campaignId))
        let (sale, warnings) = try await FlashSales.create(new, by: try actor(), on: platform)
        var answer = Components.Schemas.FlashSale(sale, at: platform.clock.now())
        answer.priceWarnings = warnings.map(Components.Schemas.PriceWarning.init)
        return .created(.init(body: .json(answer)))
    }

    func getFlashSale(_ input: Operations.GetFlashSale.Input) async throws -> Operations.GetFlashSale.Output {
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let promotions = platform.promotions
        let sale = try await platform.database.read { db in try await promotions.flashSale(id, on: db) }
        return .ok(.init(body: .json(.init(sale, at: platform.clock.now()))))
    }

    func cancelFlashSale(_ input: Operations.CancelFlashSale.Input) async throws -> Operations.CancelFlashSale.Output {
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let sale = try await FlashSales.cancel(id, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(sale, at: platform.clock.now()))))
    }

    func listStoreFlashSales(
        _ input: Operations.ListStoreFlashSales.Input
    ) async throws -> Operations.ListStoreFlashSales.Output {
        let shown = try await FlashSales.showing(on: platform)
        return .ok(.init(body: .json(.init(items: shown.map { .init($0) }))))
    }

    func getStoreFlashSale(
        _ input: Operations.GetStoreFlashSale.Input
    ) async throws -> Operations.GetStoreFlashSale.Output {
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        return .ok(.init(body: .json(.init(try await FlashSales.showing(id, on: platform)))))
    }

    func getFlashSaleQueuePlace(
        _ input: Operations.GetFlashSaleQueuePlace.Input
    ) async throws -> Operations.GetFlashSaleQueuePlace.Output {
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let place = try await FlashSales.place(id, customerID: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(place, at: platform.clock.now()))))
    }

    func joinFlashSaleQueue(
        _ input: Operations.JoinFlashSaleQueue.Input
    ) async throws -> Operations.JoinFlashSaleQueue.Output {
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let customer = try Caller.customer().rawValue
        try flashSaleThrottle.admit(account: customer)
        let place = try await FlashSales.join(
            id, customerID: customer, clientAddress: RequestInfo.clientAddress, on: platform)
        return .created(.init(body: .json(.init(place, at: platform.clock.now()))))
    }

    func claimFlashSaleUnits(
        _ input: Operations.ClaimFlashSaleUnits.Input
    ) async throws -> Operations.ClaimFlashSaleUnits.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.flashSaleId, as: FlashSaleID.self, notFound: FlashSaleError.notFound)
        let customer = try Caller.customer().rawValue
        try flashSaleThrottle.admit(account: customer)
        let (claims, sale) = try await FlashSales.claim(
            id, customerID: customer, token: body.queueToken, quantity: Int(body.quantity ?? 1), on: platform)
        return .created(
            .init(
                body: .json(
                    .init(
                        flashSaleId: sale.id.rawValue, variantId: sale.variantID, units: claims.count,
                        expiresAt: claims.map(\.expiresAt).min() ?? platform.clock.now(), left: sale.left))))
    }
}

/// The shop's honest-price settings (Omnibus policy, perishable categories, fake discounts refused or not).
extension APIHandlers {
    func getHonestPriceSettings(
        _ input: Operations.GetHonestPriceSettings.Input
    ) async throws -> Operations.GetHonestPriceSettings.Output {
        let catalog = platform.catalog
        let settings = try await platform.database.read { db in try await catalog.honestPriceSettings(on: db) }
        return .ok(.init(body: .json(.init(settings))))
    }

    func setHonestPriceSettings(
        _ input: Operations.SetHonestPriceSettings.Input
    ) async throws -> Operations.SetHonestPriceSettings.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let settings = HonestPriceSettings(
            policy: OmnibusPolicy(
                windowDays: body.windowDays, exemptsPerishables: body.exemptPerishables,
                newProductsSinceFirstOffered: body.newProductsSinceFirstOffered,
                progressiveFromFirstReduction: body.progressiveFromFirstReduction,
                raiseLookbackDays: body.raiseLookbackDays), refusesFakeDiscounts: body.refuseFakeDiscounts,
            perishableCategoryIDs: body.perishableCategoryIds)
        let actor = try actor()
        let catalog = platform.catalog
        let saved = try await platform.database.inTransaction { db in
            try await catalog.setHonestPriceSettings(settings, by: actor, on: db)
        }
        return .ok(.init(body: .json(.init(saved))))
    }
}

extension Components.Schemas.HonestPriceSettings {
    init(_ settings: HonestPriceSettings) {
        self.init(
            windowDays: settings.policy.windowDays, exemptPerishables: settings.policy.exemptsPerishables,
            newProductsSinceFirstOffered: settings.policy.newProductsSinceFirstOffered,
            progressiveFromFirstReduction: settings.policy.progressiveFromFirstReduction,
            raiseLookbackDays: settings.policy.raiseLookbackDays, refuseFakeDiscounts: settings.refusesFakeDiscounts,
            perishableCategoryIds: settings.perishableCategoryIDs)
    }
}

extension Components.Schemas.FlashSale {
    init(_ sale: FlashSale, at now: Date) {
        self.init(
            id: sale.id.rawValue, title: sale.title, productId: sale.productID, variantId: sale.variantID,
            sku: sale.sku,
            channel: sale.channel, price: .init(sale.price), quantity: sale.quantity,
            perCustomerLimit: sale.perCustomerLimit, startsAt: sale.startsAt, endsAt: sale.endsAt,
            admissionsPerMinute: sale.room.admissionsPerMinute, holdMinutes: sale.room.holdSeconds / 60,
            campaignId: sale.campaignID?.rawValue, phase: .init(rawValue: sale.phase(at: now).rawValue) ?? .ended,
            held: sale.held, sold: sale.sold, withdrawn: sale.withdrawn, left: sale.left, queueLength: sale.queueLength,
            soldOutAt: sale.soldOutAt, cancelledAt: sale.cancelledAt, createdAt: sale.createdAt)
    }
}

extension Components.Schemas.FlashSaleOffer {
    init(_ shown: FlashSales.Showing) {
        let sale = shown.sale
        let reference = shown.priorPrice ?? shown.regularPrice
        let percentOff = reference.flatMap { reference -> Int? in
            guard reference.amount > 0, reference.amount > sale.price.amount else { return nil }
            // Rounded down: a reduction is never stated as more than it is.
            return Int((reference.amount - sale.price.amount) * 100 / reference.amount)
        }
        self.init(
            id: sale.id.rawValue, title: sale.title, productId: sale.productID, variantId: sale.variantID,
            phase: .init(rawValue: shown.phase.rawValue) ?? .ended, price: .init(sale.price),
            regularPrice: shown.regularPrice.map(Components.Schemas.Money.init),
            priorPrice: shown.priorPrice.map(Components.Schemas.Money.init), percentOff: percentOff,
            quantity: sale.quantity, left: sale.left, perCustomerLimit: sale.perCustomerLimit, startsAt: sale.startsAt,
            endsAt: sale.endsAt, secondsLeft: shown.secondsLeft, queueLength: sale.queueLength)
    }
}

extension Components.Schemas.QueuePlace {
    init(_ place: FlashSales.Place, at now: Date) {
        var ahead = 0
        var admissionAt: Date?
        var admittedUntil: Date?
        switch place.status {
        case .waiting(let waiting, let at):
            ahead = waiting
            admissionAt = at
        case .admitted(let until):
            admissionAt = place.ticket.admissionAt
            admittedUntil = until
        case .expired, .soldOut, .closed: break
        }
        self.init(
            flashSaleId: place.sale.id.rawValue, status: .init(rawValue: place.status.name) ?? .closed,
            position: place.ticket.position, ahead: ahead, admissionAt: admissionAt, admittedUntil: admittedUntil,
            token: place.ticket.token, left: place.sale.left)
    }
}
