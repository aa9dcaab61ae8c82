import Foundation
import Persistence
import SQLKit
import TorvCore

/// Rows of the sellers' tables, decoded into values. Profile and onboarding facts are JSON documents:
/// they are read and written whole, never queried by field.
enum SellersStore {
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decodeJSON<T: Decodable>(_ type: T.Type, _ text: String, table: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw PersistenceError.corruptRow(table: table, detail: "unreadable JSON: \(error)")
        }
    }

    static func seller(_ row: any SQLRow, documents: [SellerDocument]) throws -> Seller {
        Seller(
            id: try row.id("id", as: SellerID.self, table: "sellers"),
            handle: try row.string("handle"),
            displayName: try row.string("display_name"),
            kind: try row.enumeration("kind", as: SellerKind.self, table: "sellers"),
            status: try row.enumeration("status", as: SellerStatus.self, table: "sellers"),
            statusReason: try row.optionalString("status_reason"),
            plan: try row.string("plan"),
            profile: try decodeJSON(SellerProfile.self, try row.string("profile"), table: "sellers"),
            onboarding: try decodeJSON(SellerOnboarding.self, try row.string("onboarding"), table: "sellers"),
            documents: documents,
            holidayUntil: try row.optionalDate("holiday_until"),
            holidayMessage: try row.optionalString("holiday_message"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            approvedAt: try row.optionalDate("approved_at"))
    }

    static func document(_ row: any SQLRow) throws -> SellerDocument {
        SellerDocument(
            id: try row.id("id", as: SellerDocumentID.self, table: "seller_documents"),
            kind: try row.enumeration("kind", as: SellerDocument.Kind.self, table: "seller_documents"),
            url: try row.string("url"),
            addedAt: try row.date("added_at"))
    }

    static func offer(_ row: any SQLRow) throws -> SellerOffer {
        let currency = try row.currency("currency")
        return SellerOffer(
            id: try row.id("id", as: SellerOfferID.self, table: "seller_offers"),
            sellerID: try row.id("seller_id", as: SellerID.self, table: "seller_offers"),
            productID: try row.string("product_id"),
            variantID: try row.string("variant_id"),
            sku: try row.string("sku"),
            title: try row.string("title"),
            condition: try row.enumeration("condition", as: OfferCondition.self, table: "seller_offers"),
            conditionNote: try row.optionalString("condition_note"),
            price: Money(minorUnits: try row.decode(column: "price", as: Int64.self), currency: currency),
            quantity: try row.int("quantity"),
            handlingDays: try row.optionalInt("handling_days"),
            status: try row.enumeration("status", as: SellerOfferStatus.self, table: "seller_offers"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"))
    }
}
