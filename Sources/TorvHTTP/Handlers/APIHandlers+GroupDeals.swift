import Flows
import Foundation
import Persistence
import Promotions
import TorvAPI
import TorvCore

/// Group deals: set up and watched by marketing, redeemed at the till; joined, left and followed by shoppers.
extension APIHandlers {
    func listGroupDeals(_ input: Operations.ListGroupDeals.Input) async throws -> Operations.ListGroupDeals.Output {
        let shown = try await GroupDeals.showing(on: platform, all: true)
        return .ok(.init(body: .json(.init(items: shown.map { .init($0, withParticipants: false) }))))
    }

    func createGroupDeal(_ input: Operations.CreateGroupDeal.Input) async throws -> Operations.CreateGroupDeal.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        var tiers: [GroupDealTier] = []
        for (index, tier) in body.tiers.enumerated() {
            tiers.append(
                GroupDealTier(
                    fromParticipants: Int(tier.fromParticipants),
                    unitPrice: try Self.money(tier.unitPrice, at: "/tiers/\(index)/unit_price")))
        }
        let draft = GroupDealDraft(
            title: body.title, variantID: body.variantId, channel: body.channel ?? "web", tiers: tiers,
            minParticipants: Int(body.minParticipants), maxParticipants: body.maxParticipants.map(Int.init),
            maxQuantityPerParticipant: Int(body.maxQuantityPerParticipant ?? 1), opensAt: body.opensAt,
            deadline: body.deadline, voucherValidDays: Int(body.voucherValidDays ?? 90))
        let deal = try await GroupDeals.create(draft, by: try actor(), on: platform)
        let shown = try await GroupDeals.showing(deal.id, on: platform)
        return .created(.init(body: .json(.init(shown, withParticipants: false))))
    }

    func getGroupDeal(_ input: Operations.GetGroupDeal.Input) async throws -> Operations.GetGroupDeal.Output {
        let id = try pathID(input.path.groupDealId, as: GroupDealID.self, notFound: PromotionsError.groupDealNotFound)
        let shown = try await GroupDeals.showing(id, on: platform)
        return .ok(.init(body: .json(.init(shown, withParticipants: true))))
    }

    func redeemGroupDealVoucher(
        _ input: Operations.RedeemGroupDealVoucher.Input
    ) async throws -> Operations.RedeemGroupDealVoucher.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let (voucher, deal) = try await GroupDeals.redeemVoucher(body.code, by: try actor(), on: platform)
        return .ok(.init(body: .json(.init(voucher, deal: deal))))
    }

    func listStoreGroupDeals(
        _ input: Operations.ListStoreGroupDeals.Input
    ) async throws -> Operations.ListStoreGroupDeals.Output {
        let shown = try await GroupDeals.showing(on: platform)
        let customer = try? Caller.customer().rawValue
        return .ok(.init(body: .json(.init(items: shown.map { .init($0, customerID: customer) }))))
    }

    func getStoreGroupDeal(
        _ input: Operations.GetStoreGroupDeal.Input
    ) async throws -> Operations.GetStoreGroupDeal.Output {
        let id = try pathID(input.path.groupDealId, as: GroupDealID.self, notFound: PromotionsError.groupDealNotFound)
        let shown = try await GroupDeals.showing(id, on: platform)
        return .ok(.init(body: .json(.init(shown, customerID: try? Caller.customer().rawValue))))
    }

    func joinGroupDeal(_ input: Operations.JoinGroupDeal.Input) async throws -> Operations.JoinGroupDeal.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let id = try pathID(input.path.groupDealId, as: GroupDealID.self, notFound: PromotionsError.groupDealNotFound)
        let seat = try await GroupDeals.join(
            id, customerID: try Caller.customer().rawValue, cardNumber: body.cardNumber,
            quantity: Int(body.quantity ?? 1), on: platform)
        return .created(.init(body: .json(.init(seat))))
    }

    func leaveGroupDeal(_ input: Operations.LeaveGroupDeal.Input) async throws -> Operations.LeaveGroupDeal.Output {
        let id = try pathID(input.path.groupDealId, as: GroupDealID.self, notFound: PromotionsError.groupDealNotFound)
        let seat = try await GroupDeals.leave(id, customerID: try Caller.customer().rawValue, on: platform)
        return .ok(.init(body: .json(.init(seat))))
    }

    func listMyGroupDealVouchers(
        _ input: Operations.ListMyGroupDealVouchers.Input
    ) async throws -> Operations.ListMyGroupDealVouchers.Output {
        let customer = try Caller.customer().rawValue
        let promotions = platform.promotions
        let vouchers = try await platform.database.read { db in
            try await promotions.groupDealVouchers(of: customer, on: db)
        }
        return .ok(.init(body: .json(.init(items: vouchers.map { .init($0.voucher, deal: $0.deal) }))))
    }
}

extension Components.Schemas.GroupDealTier {
    init(_ tier: GroupDealTier) {
        self.init(fromParticipants: Int32(clamping: tier.fromParticipants), unitPrice: .init(tier.unitPrice))
    }
}

extension Components.Schemas.GroupDeal {
    init(_ shown: GroupDeals.Showing, withParticipants: Bool) {
        let deal = shown.deal
        self.init(
            id: deal.id.rawValue, title: deal.title, productId: deal.productID, variantId: deal.variantID,
            sku: deal.sku, regularPrice: .init(deal.regularPrice), tiers: deal.tiers.map { .init($0) },
            minParticipants: deal.minParticipants, maxParticipants: deal.maxParticipants,
            maxQuantityPerParticipant: deal.maxQuantityPerParticipant, opensAt: deal.opensAt, deadline: deal.deadline,
            voucherValidDays: deal.voucherValidDays, status: .init(rawValue: deal.status.rawValue) ?? .open,
            phase: .init(rawValue: shown.phase.rawValue) ?? .open, participants: shown.participants,
            currentPrice: .init(shown.currentPrice), tippedAt: deal.tippedAt, settledAt: deal.settledAt,
            createdAt: deal.createdAt,
            participantList: withParticipants ? shown.snapshot.seats.map { .init($0) } : nil)
    }
}

extension Components.Schemas.GroupDealParticipant {
    init(_ seat: GroupDealSeat) {
        let participant = seat.participant
        self.init(
            id: participant.id.rawValue, number: seat.number, customerId: participant.customerID,
            displayName: participant.displayName, quantity: participant.quantity,
            unitPrice: .init(participant.unitPrice), authorisedAmount: .init(participant.authorisedAmount),
            status: .init(rawValue: seat.status.rawValue) ?? .joined, paymentId: participant.paymentID,
            joinedAt: participant.joinedAt, leftAt: participant.leftAt,
            capturedAmount: participant.capturedAmount.map(Components.Schemas.Money.init))
    }
}

extension Components.Schemas.GroupDealPlace {
    init(_ seat: GroupDealSeat) {
        let participant = seat.participant
        self.init(
            groupDealId: participant.dealID.rawValue, number: seat.number,
            status: .init(rawValue: seat.status.rawValue) ?? .joined, quantity: participant.quantity,
            unitPrice: .init(participant.unitPrice), authorisedAmount: .init(participant.authorisedAmount),
            invitePath: "/deals/\(participant.dealID.rawValue)?invited_by=\(seat.number)")
    }
}

extension Components.Schemas.GroupDealOffer {
    init(_ shown: GroupDeals.Showing, customerID: String?) {
        let deal = shown.deal
        let place = customerID.flatMap { GroupDeals.seat(of: $0, in: shown.snapshot) }
        self.init(
            id: deal.id.rawValue, title: deal.title, productId: deal.productID, variantId: deal.variantID,
            phase: .init(rawValue: shown.phase.rawValue) ?? .open, regularPrice: .init(deal.regularPrice),
            tiers: deal.tiers.map { .init($0) }, currentPrice: .init(shown.currentPrice),
            minParticipants: deal.minParticipants, maxParticipants: deal.maxParticipants,
            maxQuantityPerParticipant: deal.maxQuantityPerParticipant, participants: shown.participants,
            needed: max(0, deal.minParticipants - shown.participants), opensAt: deal.opensAt, deadline: deal.deadline,
            secondsLeft: shown.secondsLeft, tippedAt: deal.tippedAt, log: shown.snapshot.log.map { .init($0) },
            yourPlace: place.map { .init($0) })
    }
}

extension Components.Schemas.GroupDealLogLine {
    init(_ entry: GroupDealLogEntry) {
        switch entry {
        case .joined(let number, let name, let at):
            self.init(kind: .joined, at: at, displayName: name, participantNumber: number)
        case .left(let name, let at): self.init(kind: .left, at: at, displayName: name)
        case .tipped(let at, let participants): self.init(kind: .tipped, at: at, participants: participants)
        case .succeeded(let at, let participants): self.init(kind: .succeeded, at: at, participants: participants)
        case .failed(let at): self.init(kind: .failed, at: at)
        }
    }
}

extension Components.Schemas.GroupDealVoucher {
    init(_ voucher: GroupDealVoucher, deal: GroupDeal) {
        self.init(
            code: voucher.code, groupDealId: voucher.dealID.rawValue, title: deal.title, sku: deal.sku,
            issuedAt: voucher.issuedAt, expiresAt: voucher.expiresAt, redeemedAt: voucher.redeemedAt)
    }
}
