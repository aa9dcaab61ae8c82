import Flows
import Foundation
import Persistence
import SQLKit
import Sellers
import TestSupport
import TorvCore

/// Sellers with money: approved through the lifecycle, with sales and fees recorded as the order flows will.
enum PayoutFixture {
    static let staff = AuditActor(kind: "staff", id: "stf_test")
    static let iban = "DE89370400440532013000"

    /// A business seller taken from application to `approved` in one transaction.
    static func approvedSeller(_ name: String, on platform: Platform) async throws -> SellerID {
        let sellers = platform.sellers
        return try await platform.database.inTransaction { db in
            let seller = try await sellers.apply(
                SellerApplication(
                    displayName: name, kind: .business,
                    onboarding: SellerOnboarding(
                        legalName: "\(name) AB", registrationNumber: "556000-0000", vatID: "SE556000000001",
                        country: "SE", payoutIBAN: iban, payoutHolder: "\(name) AB")), by: staff, requestID: nil,
                on: db)
            _ = try await sellers.addDocument(
                seller.id, kind: .businessRegistration, url: "https://files.example/extract.pdf", by: staff, on: db)
            for (target, role) in [
                (SellerStatus.onboarding, SellerActorRole.operator), (.underReview, .seller), (.approved, .operator),
            ] {
                _ = try await sellers.transition(
                    seller.id, to: target, reason: nil, as: role, by: staff, requestID: nil, on: db)
            }
            return seller.id
        }
    }

    /// A sale and its fee as split orders will record them: the sale after the holdback, the fee at once.
    static func sale(
        _ sellerID: SellerID, order: String, amount: Int64, fee: Int64, at now: Date,
        holdback: TimeInterval = Sellers.defaultHoldback
    ) -> [NewSellerMovement] {
        [
            NewSellerMovement(
                sellerID: sellerID, kind: .sale, amount: eur(amount), availableAt: now.addingTimeInterval(holdback),
                reference: order, key: "sale:\(order)"),
            NewSellerMovement(
                sellerID: sellerID, kind: .fee, amount: eur(-fee), availableAt: now, reference: order,
                key: "fee:\(order)"),
        ]
    }

    static func record(_ movements: [NewSellerMovement], on platform: Platform) async throws -> Int {
        let sellers = platform.sellers
        return try await platform.database.inTransaction { db in try await sellers.recordMovements(movements, on: db) }
    }

    static func balance(_ sellerID: SellerID, at now: Date, on platform: Platform) async throws -> SellerBalance {
        let sellers = platform.sellers
        return try await platform.database.read { db in
            try await sellers.balance(of: sellerID, currency: .eur, at: now, on: db)
        }
    }

    static func payouts(_ sellerID: SellerID, on platform: Platform) async throws -> [SellerPayout] {
        let sellers = platform.sellers
        return try await platform.database.read { db in
            try await sellers.payouts(of: sellerID, after: nil, limit: 200, on: db)
        }
    }
}
