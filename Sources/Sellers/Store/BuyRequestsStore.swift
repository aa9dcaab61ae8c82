import Foundation
import Persistence
import SQLKit
import TorvCore

/// Rows of `buy_requests`, `buy_responses` and `buy_request_steps`, decoded into values.
enum BuyRequestsStore {
    static func request(_ row: any SQLRow) throws -> BuyRequest {
        let currency = try row.currency("currency")
        let sellerID = try row.optionalID("seller_id", as: SellerID.self, table: "buy_requests")
        return BuyRequest(
            id: try row.id("id", as: BuyRequestID.self, table: "buy_requests"),
            poster: sellerID.map(BuyRequestPoster.seller) ?? .marketplace,
            kind: try row.enumeration("kind", as: BuyRequestKind.self, table: "buy_requests"),
            title: try row.string("title"),
            description: try row.string("description"),
            acceptedConditions: try SellersStore.decodeJSON(
                [TradeInCondition].self, try row.string("accepted_conditions"), table: "buy_requests"),
            unitPriceCeiling: try row.decode(column: "unit_price_ceiling", as: Int64?.self).map {
                Money(minorUnits: $0, currency: currency)
            },
            currency: currency,
            wantedQuantity: try row.int("wanted_quantity"),
            acceptedQuantity: try row.int("accepted_quantity"),
            neededBy: try row.optionalDate("needed_by"),
            deadline: try row.date("deadline"),
            storedStatus: try row.enumeration("status", as: BuyRequestStatus.self, table: "buy_requests"),
            createdAt: try row.date("created_at"),
            closedAt: try row.optionalDate("closed_at"))
    }

    static func response(_ row: any SQLRow) throws -> BuyResponse {
        let respondentID = try row.string("respondent_id")
        let respondent: BuyRespondent
        switch try row.string("respondent_kind") {
        case "seller":
            guard let id = SellerID(respondentID) else {
                throw PersistenceError.corruptRow(table: "buy_responses", detail: "respondent is not a seller ID")
            }
            respondent = .seller(id)
        default: respondent = .customer(respondentID)
        }
        return BuyResponse(
            id: try row.id("id", as: BuyResponseID.self, table: "buy_responses"),
            requestID: try row.id("request_id", as: BuyRequestID.self, table: "buy_responses"),
            respondent: respondent,
            unitPrice: Money(
                minorUnits: try row.decode(column: "unit_price", as: Int64.self), currency: try row.currency("currency")
            ),
            quantity: try row.int("quantity"),
            condition: try row.optionalString("condition").map {
                guard let condition = TradeInCondition(rawValue: $0) else {
                    throw PersistenceError.corruptRow(table: "buy_responses", detail: "unknown condition \($0)")
                }
                return condition
            },
            note: try row.optionalString("note"),
            status: try row.enumeration("status", as: BuyResponseStatus.self, table: "buy_responses"),
            acceptedQuantity: try row.optionalInt("accepted_quantity"),
            decisionReason: try row.optionalString("decision_reason"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            decidedAt: try row.optionalDate("decided_at"))
    }

    static func step(_ row: any SQLRow) throws -> BuyRequestStep {
        BuyRequestStep(
            action: try row.string("action"), actor: try row.string("actor"),
            responseID: try row.optionalID("response_id", as: BuyResponseID.self, table: "buy_request_steps"),
            note: try row.optionalString("note"), at: try row.date("at"))
    }
}
