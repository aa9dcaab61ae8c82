import Flows
import Foundation
import Identity
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

@Suite("Seller accounts in the store")
struct SellerAccountTests {
    static let password = "a long seller password"
    static let operatorActor = AuditActor(kind: "staff", id: "stf_test")

    static func applyPrivate(_ name: String, email: String, on platform: Platform) async throws -> Seller {
        try await Marketplace.apply(
            SellerApplication(displayName: name, kind: .private), ownerEmail: email, ownerPassword: password,
            ownerName: name, requestID: nil, on: platform
        ).0
    }

    @Test("an application whose owner e-mail is taken leaves no seller behind", arguments: TestBackend.allCases)
    func applicationIsAtomic(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            _ = try await Self.applyPrivate("Ada Lovelace", email: "ada@example.com", on: platform)
            await #expect(throws: IdentityError.emailTaken) {
                _ = try await Self.applyPrivate("Ada Again", email: "ADA@example.com", on: platform)
            }
            let sellers = try await platform.database.read { db in
                try await platform.sellers.sellers(status: nil, after: nil, limit: 10, on: db)
            }
            #expect(sellers.map(\.displayName) == ["Ada Lovelace"])
        }
    }

    @Test("two operators acting on one seller at once: exactly one move happens", arguments: TestBackend.allCases)
    func concurrentTransitions(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await Self.applyPrivate("Grace Hopper", email: "grace@example.com", on: platform)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for target in [SellerStatus.onboarding, .closed, .onboarding, .closed] {
                    group.addTask {
                        do {
                            _ = try await platform.database.inTransaction { db in
                                try await platform.sellers.transition(
                                    seller.id, to: target, reason: "duplicate application", as: .operator,
                                    by: Self.operatorActor, requestID: nil, on: db)
                            }
                            return true
                        } catch is SellersError {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            let history = try await platform.database.read { db in
                try await platform.sellers.history(of: seller.id, on: db)
            }
            // Onboarding → closed is allowed too, so the moves that won form a valid chain from `applied`.
            #expect(outcomes.filter { $0 }.count == history.count - 1)
            for (previous, next) in zip(history, history.dropFirst()) { #expect(next.from == previous.to) }
            #expect(history.first?.to == .applied)
        }
    }

    @Test("a private seller must be an adult with an identity document before review", arguments: TestBackend.allCases)
    func privateSellerChecklist(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let seller = try await Self.applyPrivate("Young Trader", email: "young@example.com", on: platform)
            let now = env.clock.now
            let year = Calendar(identifier: .gregorian).component(.year, from: now)
            try await platform.database.inTransaction { db in
                _ = try await platform.sellers.transition(
                    seller.id, to: .onboarding, reason: nil, as: .operator, by: Self.operatorActor, requestID: nil,
                    on: db)
                _ = try await platform.sellers.setOnboarding(
                    seller.id,
                    SellerOnboarding(
                        legalName: "Young Trader", birthDate: "\(year - 16)-01-01", country: "SE",
                        payoutIBAN: "SE4550000000058398257466"), by: Self.operatorActor, on: db)
            }
            await #expect {
                try await platform.database.inTransaction { db in
                    try await platform.sellers.transition(
                        seller.id, to: .underReview, reason: nil, as: .seller, by: Self.operatorActor, requestID: nil,
                        on: db)
                }
            } throws: { error in
                guard case .onboardingIncomplete(let missing) = error as? SellersError else { return false }
                return Set(missing.map(\.code)) == ["too_young", "document_required"]
            }
            let stored = try await platform.database.read { db in try await platform.sellers.seller(seller.id, on: db) }
            #expect(stored.status == .onboarding)
            #expect(stored.onboarding.payoutIBAN == "SE4550000000058398257466")
        }
    }

    @Test(
        "IBANs pass by checksum, not by shape",
        arguments: [
            ("DE89 3704 0044 0532 0130 00", true), ("SE45 5000 0000 0583 9825 7466", true),
            ("GB82WEST12345698765432", true), ("DE89 3704 0044 0532 0130 01", false), ("DE00", false),
            ("XX89370400440532013000", false),
        ])
    func iban(text: String, valid: Bool) {
        #expect(IBAN.isValid(text) == valid)
    }
}
