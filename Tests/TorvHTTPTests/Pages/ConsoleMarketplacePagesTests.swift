import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import Sellers
import TestSupport
import Testing
import TorvCore

/// The console's marketplace pages: sellers by lifecycle state, a seller's page and the operator's
/// lifecycle moves, payouts and their runs, and who may do what there.
@Suite("Console marketplace pages")
struct ConsoleMarketplacePagesTests {
    static func money(_ minor: Int64) -> String {
        Money(minorUnits: minor, currency: .eur).formatted(locale: Locale(identifier: "en_IE"))
    }

    static func seller(_ id: SellerID, on platform: Platform) async throws -> Seller {
        try await platform.database.read { db in try await platform.sellers.seller(id, on: db) }
    }

    static func history(_ id: SellerID, on platform: Platform) async throws -> [SellerStatusChange] {
        try await platform.database.read { db in try await platform.sellers.history(of: id, on: db) }
    }

    /// A seller that has applied and waits for the operator.
    static func applicant(_ name: String, on platform: Platform) async throws -> SellerID {
        try await platform.database.inTransaction { db in
            try await platform.sellers.apply(
                SellerApplication(displayName: name, kind: .private, onboarding: SellerOnboarding()),
                by: TestMarketplace.actor, requestID: nil, on: db)
        }.id
    }

    /// Money on a seller's account: a sale available at once and its fee.
    static func sale(
        _ seller: SellerID, order: String, amount: Int64, fee: Int64, availableIn: TimeInterval = 0,
        on platform: Platform
    ) async throws {
        let now = platform.clock.now()
        let movements = [
            NewSellerMovement(
                sellerID: seller, kind: .sale, amount: Money(minorUnits: amount, currency: .eur),
                availableAt: now.addingTimeInterval(availableIn), reference: order, key: "sale:\(order)"),
            NewSellerMovement(
                sellerID: seller, kind: .fee, amount: Money(minorUnits: -fee, currency: .eur), availableAt: now,
                reference: order, key: "fee:\(order)"),
        ]
        _ = try await platform.database.inTransaction { db in
            try await platform.sellers.recordMovements(movements, on: db)
        }
    }

    @Test(
        "the seller list shows every seller with type and state, filters by lifecycle state, and pages",
        arguments: TestBackend.allCases)
    func list(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            _ = try await Self.applicant("Fresh Prints", on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)

            let all = try await owner.get("/admin/marketplace/sellers")
            #expect(all.status == .ok)
            #expect(all.text.contains("href=\"/admin/marketplace/sellers\" aria-current=\"page\">Marketplace</a>"))
            #expect(
                all.text.contains(
                    "<a href=\"/admin/marketplace/sellers/\(nordic.rawValue)\">Nordic Ceramics</a>"))
            #expect(all.text.contains("<td>Business</td><td><span class=\"badge status-approved\">Approved</span>"))
            #expect(all.text.contains("<td>Private person</td><td><span class=\"badge status-pending\">Applied</span>"))

            let applied = try await owner.get("/admin/marketplace/sellers?status=applied")
            #expect(applied.text.contains("Fresh Prints") && !applied.text.contains("Nordic Ceramics"))
            #expect(applied.text.contains("<option value=\"applied\" selected>Applied</option>"))
            let closed = try await owner.get("/admin/marketplace/sellers?status=closed")
            #expect(closed.text.contains("id=\"sellers-empty\"") && closed.text.contains("No seller is closed."))
            #expect(!closed.text.contains("id=\"seller-table\""))

            // 25 sellers a page: 24 more make 26, so a second page holds one.
            for index in 1...24 { _ = try await Self.applicant("Applicant \(index)", on: platform) }
            let first = try await owner.get("/admin/marketplace/sellers")
            #expect(first.text.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 25)
            let next = try #require(ConsoleCatalogPagesTests.href(ofID: "next-page", in: first.text))
            let second = try await owner.get(next)
            #expect(second.text.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 1)
            #expect(second.text.contains("id=\"first-page\"") && !second.text.contains("id=\"next-page\""))
        }
    }

    @Test(
        "a seller's page shows the profile, scorecard, offers, balance, history and the moves the lifecycle allows",
        arguments: TestBackend.allCases)
    func sellerPage(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let shop = try await TestShop.seed(on: platform)
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            _ = try await TestMarketplace.offer(shop.mug.rawValue, by: nordic, price: 1_250, quantity: 4, on: platform)
            try await Self.sale(nordic, order: "sub_1", amount: 10_000, fee: 1_200, availableIn: 86_400, on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)

            let page = try await owner.get("/admin/marketplace/sellers/\(nordic.rawValue)")
            #expect(page.status == .ok, "\(page.text)")
            #expect(page.text.contains("<h1 id=\"seller-name\">Nordic Ceramics</h1>"))
            #expect(page.text.contains("<dt>Legal name</dt><dd>Nordic Ceramics AB</dd>"))
            #expect(page.text.contains("<dt>Ships from</dt><dd>SE</dd>"))
            #expect(page.text.contains("Offers: 1 offer, 1 active"))
            #expect(page.text.contains("id=\"scorecard-standing\">Good</span>"))
            #expect(page.text.contains("<th scope=\"row\">Shipped on time</th>"))
            #expect(
                page.text.contains(
                    "<td class=\"num\">\(Self.money(8_800))</td><td class=\"num\">\(Self.money(10_000))</td>"
                        + "<td class=\"num negative\">\(Self.money(-1_200))</td>"),
                "total, held back, and the fee already taken from what is available")
            #expect(page.text.contains("Under review → Approved"))
            // Approved: suspend or close, each with a reason; nothing else.
            #expect(page.text.contains("id=\"move-suspended\"") && page.text.contains("id=\"reason-suspended\""))
            #expect(page.text.contains("id=\"move-closed\"") && page.text.contains("id=\"reason-closed\""))
            #expect(!page.text.contains("id=\"move-approved\"") && !page.text.contains("id=\"move-onboarding\""))

            let applicant = try await Self.applicant("Fresh Prints", on: platform)
            let fresh = try await owner.get("/admin/marketplace/sellers/\(applicant.rawValue)")
            #expect(fresh.text.contains("id=\"move-onboarding\"") && !fresh.text.contains("id=\"reason-onboarding\""))
            #expect(fresh.text.contains("Accept the application") && fresh.text.contains("Reject and close"))
            #expect(fresh.text.contains("id=\"balance-empty\""), "no money has moved yet")

            let missing = try await owner.get("/admin/marketplace/sellers/sel_nosuchseller")
            #expect(missing.status == .notFound)
        }
    }

    @Test(
        "suspending needs a reason, runs once however often it is posted, and reinstating approves again",
        arguments: TestBackend.allCases)
    func transitions(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let path = "/admin/marketplace/sellers/\(nordic.rawValue)"

            let unexplained = try await owner.post(path + "/transitions", [("to", "suspended"), ("reason", " ")])
            #expect(unexplained.status == .unprocessableContent)
            #expect(
                unexplained.text.contains("id=\"transition-problem\"")
                    && unexplained.text.contains("Reason is required."))
            #expect(try await Self.seller(nordic, on: platform).status == .approved)

            let key = ConsoleBrowser.randomKey()
            let fields = [("to", "suspended"), ("reason", "Counterfeit reports under review")]
            for _ in 0..<2 {
                let suspended = try await owner.post(path + "/transitions", fields, key: key)
                #expect(suspended.status == .seeOther && suspended.location == path + "?moved=suspended")
            }
            #expect(try await Self.seller(nordic, on: platform).status == .suspended)
            #expect(try await Self.history(nordic, on: platform).filter { $0.to == .suspended }.count == 1)
            let after = try await owner.get(path + "?moved=suspended")
            #expect(after.text.contains("id=\"seller-notice\"") && after.text.contains("The seller is now suspended."))
            #expect(after.text.contains("Reason given to the seller: Counterfeit reports under review"))
            #expect(after.text.contains("id=\"move-approved\"") && after.text.contains(">Reinstate</button>"))

            // A move the lifecycle does not allow from here is refused on the page.
            let skipped = try await owner.post(path + "/transitions", [("to", "onboarding")])
            #expect(skipped.status == .conflict && skipped.text.contains("id=\"transition-problem\""))
            let unknown = try await owner.post(path + "/transitions", [("to", "promoted")])
            #expect(unknown.status == .unprocessableContent)

            let reinstated = try await owner.post(path + "/transitions", [("to", "approved")])
            #expect(reinstated.status == .seeOther)
            #expect(try await Self.seller(nordic, on: platform).status == .approved)

            // Accepting an application needs no reason.
            let applicant = try await Self.applicant("Fresh Prints", on: platform)
            let accepted = try await owner.post(
                "/admin/marketplace/sellers/\(applicant.rawValue)/transitions", [("to", "onboarding")])
            #expect(accepted.status == .seeOther)
            #expect(try await Self.seller(applicant, on: platform).status == .onboarding)
        }
    }

    @Test(
        "staff without marketplace permissions are refused; readers see sellers but no moves or money",
        arguments: TestBackend.allCases)
    func refusedWithoutPermission(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            try await Self.sale(nordic, order: "sub_1", amount: 10_000, fee: 1_200, on: platform)
            let path = "/admin/marketplace/sellers/\(nordic.rawValue)"

            let support = try await ConsoleBrowser.signIn(
                "help@shop.example", roles: ["support"], on: platform, client: client)
            let home = try await support.get("/admin")
            #expect(home.status == .ok && !home.text.contains("href=\"/admin/marketplace"), "no Marketplace in the nav")
            for page in [
                "/admin/marketplace", "/admin/marketplace/sellers", path, "/admin/marketplace/payouts",
            ] {
                #expect(try await support.get(page).status == .forbidden, "\(page)")
            }

            // A moderator reads sellers (their reviews follow them) but does not move them or see their money.
            let moderator = try await ConsoleBrowser.signIn(
                "mod@shop.example", roles: ["moderator"], on: platform, client: client)
            let page = try await moderator.get(path)
            #expect(page.status == .ok && page.text.contains("Nordic Ceramics"))
            #expect(!page.text.contains("id=\"move-suspended\"") && !page.text.contains("id=\"balance-table\""))
            let refused = try await moderator.post(path + "/transitions", [("to", "suspended"), ("reason", "No")])
            #expect(refused.status == .forbidden)
            let readerList = try await moderator.get("/admin/marketplace/sellers")
            #expect(
                readerList.text.contains(">Moderation</a>") && !readerList.text.contains(">Payouts</a>"),
                "tabs it may open")
            #expect(try await moderator.get("/admin/marketplace/payouts").status == .forbidden)
            let run = try await moderator.post("/admin/marketplace/payouts/runs", [("minimum", "1.00")])
            #expect(run.status == .forbidden)
            #expect(try await Self.seller(nordic, on: platform).status == .approved)
            let runs = try await platform.database.read { db in
                try await platform.sellers.payoutRuns(after: nil, limit: 10, on: db)
            }
            #expect(runs.isEmpty)
        }
    }

    @Test(
        "signed-out browsers are sent to sign in, and a marketplace post without the form token is refused",
        arguments: TestBackend.allCases)
    func signedOutAndForged(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let nordic = try await TestMarketplace.approvedSeller("Nordic Ceramics", on: platform)
            let path = "/admin/marketplace/sellers/\(nordic.rawValue)"
            let stranger = ConsoleBrowser(client: client, session: nil)
            for page in ["/admin/marketplace/sellers", path, "/admin/marketplace/payouts"] {
                let response = try await stranger.get(page)
                #expect(response.status == .seeOther, "\(page)")
                #expect(response.location?.hasPrefix("/admin/login?next=") == true)
            }
            let anonymous = try await stranger.post(path + "/transitions", [("to", "suspended"), ("reason", "x")])
            #expect(anonymous.status == .seeOther && anonymous.location?.hasPrefix("/admin/login") == true)

            let owner = try await ConsoleBrowser.signIn(
                "market@shop.example", roles: ["marketplace"], on: platform, client: client)
            let forged = try await owner.post(
                path + "/transitions", [("to", "suspended"), ("reason", "x")], withToken: false)
            #expect(forged.status == .forbidden && forged.text.contains("This form could not be accepted"))
            let forgedRun = try await owner.post(
                "/admin/marketplace/payouts/runs", [("minimum", "1.00")], withToken: false)
            #expect(forgedRun.status == .forbidden)
            #expect(try await Self.seller(nordic, on: platform).status == .approved)
        }
    }
}
