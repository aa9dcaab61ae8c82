import Foundation
import Sellers
import TorvAPI
import TorvCore

extension Components.Schemas.BuyRequest {
    init(_ request: BuyRequest, at now: Date) {
        self.init(
            id: request.id.rawValue, kind: .init(rawValue: request.kind.rawValue) ?? .tradeIn,
            postedBy: request.poster.sellerID == nil ? .marketplace : .seller,
            sellerId: request.poster.sellerID?.rawValue, title: request.title, description: request.description,
            acceptedConditions: request.acceptedConditions.compactMap { .init(rawValue: $0.rawValue) },
            unitPriceCeiling: request.unitPriceCeiling.map(Components.Schemas.Money.init),
            currency: request.currency.code, wantedQuantity: Int32(clamping: request.wantedQuantity),
            acceptedQuantity: Int32(clamping: request.acceptedQuantity),
            remainingQuantity: Int32(clamping: request.remainingQuantity), neededBy: request.neededBy,
            deadline: request.deadline, status: .init(rawValue: request.status(at: now).rawValue) ?? .open,
            createdAt: request.createdAt, closedAt: request.closedAt)
    }
}

extension Components.Schemas.BuyResponse {
    init(_ response: BuyResponse) {
        self.init(
            id: response.id.rawValue, requestId: response.requestID.rawValue,
            respondentKind: .init(rawValue: response.respondent.kind) ?? .customer,
            respondentId: response.respondent.id, unitPrice: .init(response.unitPrice),
            quantity: Int32(clamping: response.quantity),
            condition: response.condition.flatMap { .init(rawValue: $0.rawValue) }, note: response.note,
            status: .init(rawValue: response.status.rawValue) ?? .open,
            acceptedQuantity: response.acceptedQuantity.map { Int32(clamping: $0) },
            decisionReason: response.decisionReason, createdAt: response.createdAt, updatedAt: response.updatedAt,
            decidedAt: response.decidedAt)
    }
}

extension Components.Schemas.BuyRequestFile {
    init(_ file: BuyRequestFile, at now: Date) {
        self.init(
            request: .init(file.request, at: now), responses: file.responses.map(Components.Schemas.BuyResponse.init),
            trail: file.trail.map {
                .init(action: $0.action, actor: $0.actor, responseId: $0.responseID?.rawValue, note: $0.note, at: $0.at)
            })
    }
}

extension Components.Schemas.NewBuyRequest {
    func model() throws -> NewBuyRequest {
        NewBuyRequest(
            kind: BuyRequestKind(rawValue: kind.rawValue) ?? .tradeIn, title: title, description: description,
            acceptedConditions: (acceptedConditions ?? []).compactMap { TradeInCondition(rawValue: $0.rawValue) },
            unitPriceCeiling: try unitPriceCeiling.map { try APIHandlers.money($0, at: "/unit_price_ceiling") },
            currency: try APIHandlers.currency(currency, at: "/currency"), wantedQuantity: Int(wantedQuantity),
            neededBy: neededBy, deadline: deadline)
    }
}

extension Components.Schemas.NewBuyResponse {
    func model() throws -> BuyResponseDraft {
        BuyResponseDraft(
            unitPrice: try APIHandlers.money(unitPrice, at: "/unit_price"), quantity: Int(quantity),
            condition: condition.flatMap { TradeInCondition(rawValue: $0.rawValue) }, note: note)
    }
}

extension Components.Schemas.BuyResponseChanges {
    func model() throws -> BuyResponseDraft {
        BuyResponseDraft(
            unitPrice: try unitPrice.map { try APIHandlers.money($0, at: "/unit_price") },
            quantity: quantity.map(Int.init), condition: condition.flatMap { TradeInCondition(rawValue: $0.rawValue) },
            note: note)
    }
}
