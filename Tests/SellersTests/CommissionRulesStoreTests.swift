import Flows
import Persistence
import Sellers
import TestSupport
import Testing
import TorvCore

@Suite("The commission schedule in the store")
struct CommissionRulesStoreTests {
    static let operatorActor = AuditActor(kind: "staff", id: "stf_fees")

    static func rule(_ id: String, category: String, percent: Int) -> CommissionRule {
        CommissionRule(id: id, categoryID: category, percentBasisPoints: percent)
    }

    @Test(
        "operators adding a rule each at once: every rule lands, none undoes another", arguments: TestBackend.allCases)
    func concurrentAmendments(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let sellers = platform.sellers
            _ = try await platform.database.inTransaction { db in
                try await sellers.setCommissionRules(
                    [CommissionRule(id: "comr_all", percentBasisPoints: 1_000)], by: Self.operatorActor, on: db)
            }
            let categories = (1...6).map { "cat_\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, category) in categories.enumerated() {
                    group.addTask {
                        _ = try await platform.database.inTransaction { db in
                            try await sellers.amendCommissionRules(by: Self.operatorActor, on: db) { rules in
                                rules + [Self.rule("comr_\(index)", category: category, percent: 500 + index)]
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let stored = try await platform.database.read { db in try await sellers.commissionRules(on: db) }
            #expect(stored.count == 7)
            #expect(Set(stored.compactMap(\.categoryID)) == Set(categories))
            #expect(stored.first?.id == "comr_all", "the rules keep their order: the first stays first")
        }
    }

    @Test(
        "an amendment that makes the schedule ambiguous is refused and changes nothing", arguments: TestBackend.allCases
    )
    func refusedAmendment(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let sellers = platform.sellers
            let original = [
                CommissionRule(id: "comr_all", percentBasisPoints: 1_000),
                Self.rule("comr_books", category: "cat_books", percent: 800),
            ]
            _ = try await platform.database.inTransaction { db in
                try await sellers.setCommissionRules(original, by: Self.operatorActor, on: db)
            }
            await #expect(throws: ValidationError.self) {
                _ = try await platform.database.inTransaction { db in
                    try await sellers.amendCommissionRules(by: Self.operatorActor, on: db) { rules in
                        rules + [Self.rule("comr_books_again", category: "cat_books", percent: 300)]
                    }
                }
            }
            let stored = try await platform.database.read { db in try await sellers.commissionRules(on: db) }
            #expect(stored == original)
        }
    }
}
