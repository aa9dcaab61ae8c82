import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Persistence
import SQLKit
import Sellers
import TestSupport
import Testing
import TorvCore

extension ConsoleMarketplacePagesTests {
    static func runs(on platform: Platform) async throws -> [SellerPayoutRun] {
        try await platform.database.read { db in try await platform.sellers.payoutRuns(after: nil, limit: 10, on: db) }
    }

    static func payouts(of seller: SellerID, on platform: Platform) async throws -> [SellerPayout] {
        try await platform.database.read { db in
            try await platform.sellers.payouts(of: seller, after: nil, limit: 10, on: db)
        }
    }

    static let refresh = HTTPField.Name("Refresh")!

    @Test(
        "the payouts page shows what each seller holds back, may be paid and owes; a run started there pays once",
        arguments: TestBackend.allCases)
    func payoutRun(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let tiny = try await TestMarketplace.approvedSeller("Tiny Prints", on: platform)
            try await Self.sale(nordic, order: "sub_1", amount: 10_000, fee: 1_200, on: platform)
            try await Self.sale(tiny, order: "sub_2", amount: 5_000, fee: 500, availableIn: 14 * 86_400, on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)

            let page = try await owner.get("/admin/marketplace/payouts")
            #expect(page.status == .ok, "\(page.text)")
            #expect(
                page.text.contains(
                    "Nordic Ceramics</a></th><td><span class=\"badge status-approved\">Approved</span></td>"
                        + "<td class=\"num\">\(Self.money(0))</td><td class=\"num\">\(Self.money(8_800))</td>"))
            #expect(
                page.text.contains(
                    "<td class=\"num\">\(Self.money(5_000))</td><td class=\"num negative\">\(Self.money(-500))"
                        + " <span class=\"small\">owed back</span>"), "held back, and the fee owed meanwhile")
            #expect(page.text.contains("id=\"runs-empty\"") && page.text.contains("id=\"payout-form\""))

            let bad = try await owner.post("/admin/marketplace/payouts/runs", [("minimum", "ten euros")])
            #expect(bad.status == .unprocessableContent && bad.text.contains("id=\"start-problem\""))
            #expect(bad.text.contains("value=\"ten euros\""), "what was typed stays in the form")
            let negative = try await owner.post("/admin/marketplace/payouts/runs", [("minimum", "-5.00")])
            #expect(negative.status == .unprocessableContent)
            #expect(try await Self.runs(on: platform).isEmpty)

            // Sent twice with the same key, as a double click or a reload would: one run, one payout.
            let key = ConsoleBrowser.randomKey()
            let first = try await owner.post("/admin/marketplace/payouts/runs", [("minimum", "25.00")], key: key)
            let second = try await owner.post("/admin/marketplace/payouts/runs", [("minimum", "25.00")], key: key)
            #expect(first.status == .seeOther && second.location == first.location, "\(first.text)")
            let run = try #require(try await Self.runs(on: platform).only)
            #expect(first.location == "/admin/marketplace/payouts/runs/\(run.id.rawValue)")
            #expect(run.status == .finished && run.paidCount == 1 && run.carriedCount == 1)
            #expect(try await Self.payouts(of: nordic, on: platform).map(\.amount.amount) == [8_800])
            #expect(try await Self.payouts(of: tiny, on: platform).isEmpty)

            let runPage = try await owner.get(try #require(first.location))
            #expect(runPage.status == .ok && runPage.headers[Self.refresh] == nil, "a finished run stops reloading")
            #expect(runPage.text.contains("id=\"run-state\">Finished</span>"))
            #expect(runPage.text.contains("<progress id=\"run-progress-bar\" value=\"2\" max=\"2\">"))
            #expect(runPage.text.contains("<dt>Paid</dt><dd>1 · \(Self.money(8_800))</dd>"))
            #expect(runPage.text.contains("<dt>Carried to a later run</dt><dd>1</dd>"))
            #expect(
                runPage.text.contains(
                    "Nordic Ceramics</a></th><td>\(Self.money(8_800))</td>"
                        + "<td><span class=\"badge status-approved\">Sent to the bank</span></td>"
                        + "<td>Nordic Ceramics AB · DE89370400440532013000</td>"))
            #expect(!runPage.text.contains("Tiny Prints"), "a carried seller has no line in the statement")
            #expect(!runPage.text.contains("id=\"resume-form\""))

            let after = try await owner.get("/admin/marketplace/payouts")
            #expect(after.text.contains("id=\"run-table\"") && after.text.contains(">Finished</span>"))
            #expect(
                after.text.contains("<td class=\"num\">\(Self.money(0))</td><td class=\"num\">\(Self.money(0))</td>"))
        }
    }

    @Test(
        "correcting a seller's balance needs an amount and a note and records one movement however often it is sent",
        arguments: TestBackend.allCases)
    func adjustment(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            try await Self.sale(nordic, order: "sub_1", amount: 10_000, fee: 1_200, on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let path = "/admin/marketplace/sellers/\(nordic.rawValue)"
            let available = {
                try await platform.database.read { db in
                    try await platform.sellers.balance(of: nordic, currency: .eur, at: platform.clock.now(), on: db)
                }.available.amount
            }
            #expect(try await owner.get(path).text.contains("id=\"adjust-form\""))

            let zero = try await owner.post(path + "/adjustments", [("amount", "0.00"), ("note", "Nothing")])
            #expect(zero.status == .unprocessableContent && zero.text.contains("id=\"adjust-problem\""))
            let silent = try await owner.post(path + "/adjustments", [("amount", "-12.50"), ("note", " ")])
            #expect(silent.status == .unprocessableContent && silent.text.contains("Note is required."))
            #expect(silent.text.contains("value=\"-12.50\""), "what was typed stays in the form")
            #expect(try await available() == 8_800)

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let adjusted = try await owner.post(
                    path + "/adjustments", [("amount", "-12.50"), ("note", "Damaged in our warehouse")], key: key)
                #expect(adjusted.status == .seeOther && adjusted.location == path + "?adjusted=1")
            }
            #expect(try await available() == 8_800 - 1_250)
            let page = try await owner.get(path + "?adjusted=1")
            #expect(page.text.contains("id=\"seller-notice\"") && page.text.contains(Self.money(7_550)))

            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)
            let refused = try await moderator.post(path + "/adjustments", [("amount", "5.00"), ("note", "Gift")])
            #expect(refused.status == .forbidden)
            #expect(try await available() == 7_550)
        }
    }

    @Test(
        "a stopped run's page shows how far it got and reloads itself; resuming it finishes it once",
        arguments: TestBackend.allCases)
    func stoppedRun(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let tiny = try await TestMarketplace.approvedSeller("Tiny Prints", on: platform)
            try await Self.sale(nordic, order: "sub_1", amount: 10_000, fee: 1_200, on: platform)
            try await Self.sale(tiny, order: "sub_2", amount: 5_000, fee: 500, on: platform)
            // A run a restart stopped before its first batch was recorded.
            let id = PayoutRunID.generate(at: env.clock.now)
            try await platform.database.inTransaction { db in
                try await db.raw(
                    """
                    INSERT INTO seller_payout_runs (id, run_key, currency, minimum, status, resume_after, carried_count,
                        paid_count, paid_total, held_count, held_total, actor_kind, actor_id, started_at)
                    VALUES (\(bind: id.rawValue), 'stopped', 'EUR', 1000, 'running', '', 0, 0, 0, 0, 0, 'staff', 'stf_x',
                        \(bind: env.clock.now.epochMicroseconds))
                    """
                ).run()
            }
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let path = "/admin/marketplace/payouts/runs/\(id.rawValue)"

            let running = try await owner.get(path)
            #expect(running.status == .ok, "\(running.text)")
            #expect(running.headers[Self.refresh] == "2", "reloads itself without a script")
            #expect(running.text.contains("<progress id=\"run-progress-bar\" value=\"0\" max=\"2\">"))
            #expect(running.text.contains("0 of 2 sellers handled so far."))
            #expect(running.text.contains("id=\"resume-form\"") && running.text.contains("yet."))

            let key = ConsoleBrowser.randomKey()
            for _ in 0..<2 {
                let resumed = try await owner.post(path + "/resume", [], key: key)
                #expect(resumed.status == .seeOther && resumed.location == path)
            }
            let run = try #require(try await Self.runs(on: platform).only)
            #expect(run.status == .finished && run.paidCount == 2 && run.paidTotal.amount == 8_800 + 4_500)
            #expect(try await Self.payouts(of: nordic, on: platform).count == 1)
            let finished = try await owner.get(path)
            #expect(finished.headers[Self.refresh] == nil && finished.text.contains("value=\"2\" max=\"2\""))
            #expect(finished.text.contains("Tiny Prints") && finished.text.contains(Self.money(4_500)))
        }
    }
}
