import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Logging
import Persistence
import Sellers
import TorvCore

/// The marketplace's payouts: every seller's balance, payout runs started from the console, and each
/// run's progress and statement, over the Sellers calls the API's payout operations make.
///
/// A run can take minutes (it pays each seller in its own transaction), so the form does not hold the
/// browser for it: it starts the run in the background, waits a moment (a small run is finished by then)
/// and goes to the run's page, which shows how far the run has got and reloads itself until it finishes.
/// A run is keyed, so one stopped by a restart is resumed from its page where it left off.
extension ConsolePages {
    func registerPayouts(on router: Router<TorvRequestContext>) {
        router.get("/admin/marketplace/payouts") { request, context in
            await page(request, context, permission: .marketplacePayoutsRead) { visit in
                try await payoutsPage(request, visit: visit)
            }
        }
        router.post("/admin/marketplace/payouts/runs") { request, context in
            await post(request, context, permission: .marketplacePayoutsManage) { visit, form in
                try await startPayoutRun(request, context: context, form: form, visit: visit)
            }
        }
        router.get("/admin/marketplace/payouts/runs/:run") { request, context in
            await page(request, context, permission: .marketplacePayoutsRead) { visit in
                try await payoutRunPage(request, id: context.parameters.get("run") ?? "", visit: visit)
            }
        }
        router.post("/admin/marketplace/payouts/runs/:run/resume") { request, context in
            await post(request, context, permission: .marketplacePayoutsManage) { visit, form in
                try await resumePayoutRun(
                    request, context: context, id: context.parameters.get("run") ?? "", form: form, visit: visit)
            }
        }
    }

    /// How long a start waits for its run before showing the run's progress instead (tenths of a second).
    static let payoutRunWaits = 30
    /// How often a running run's page reloads itself, in seconds.
    static let payoutRefreshSeconds = 2
    static let payoutStatementPageSize = 100
    /// The most runs the payouts page lists, newest first.
    static let payoutRunsShown = 20

    func payoutsPage(
        _ request: Request, visit: StaffVisit, startForm: PayoutStartForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let after = FormData(urlEncoded: request.uri.query ?? "")["after"].flatMap(SellerID.init)
        let (sellers, now, currency, limit) = (
            platform.sellers, platform.clock.now(), settings.currency, Self.sellersPageSize
        )
        let (runs, accounts) = try await platform.database.read { db in
            (
                try await sellers.latestPayoutRuns(limit: Self.payoutRunsShown, on: db),
                try await sellers.accountBalances(currency: currency, at: now, after: after, limit: limit + 1, on: db)
            )
        }
        let shown = Array(accounts.prefix(limit))
        let view = PayoutPageView(
            runs: runs, accounts: shown, next: accounts.count > limit ? shown.last?.sellerID : nil,
            isLaterPage: after != nil,
            startForm: visit.may(.marketplacePayoutsManage) ? startForm ?? PayoutStartForm() : nil,
            tabs: MarketplaceTab.tabs(current: .payouts, visit: visit), settings: settings)
        return try render(
            "console-payouts", title: "Payouts", section: .marketplace, view: view, visit: visit, request: request,
            status: status)
    }

    /// Starts a run as the API's `startPayoutRun` does, keyed by the form's key: a repeated post lands on
    /// the same run, never a second one.
    private func startPayoutRun(
        _ request: Request, context: TorvRequestContext, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let typed = (form["minimum"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let minimum = try? Money.parse(typed, currency: settings.currency), !minimum.isNegative else {
            return try await payoutsPage(
                request, visit: visit,
                startForm: PayoutStartForm(
                    minimum: typed,
                    problem:
                        "The minimum must be an amount of zero or more, written like 25.00 (in \(settings.currency.code))."
                ), status: .unprocessableContent)
        }
        let key = form[FormReplay.fieldName] ?? ""
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        return try await replay.once(
            scope: "staff:\(visit.principal.id):console.marketplace.payout_run", form: form, path: request.uri.path
        ) {
            let runKey = "\(visit.actor.kind):\(visit.actor.id):console:\(key)"
            let run = try await runInBackground(minimum: minimum, runKey: runKey, visit: visit, logger: context.logger)
            return .redirect("/admin/marketplace/payouts/runs/\(run.rawValue)")
        }
    }

    /// Picks a stopped run up where it left off: the same key, so no seller is paid twice.
    private func resumePayoutRun(
        _ request: Request, context: TorvRequestContext, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: PayoutRunID.self, notFound: PayoutError.runNotFound)
        let sellers = platform.sellers
        let run = try await platform.database.read { db in try await sellers.payoutRun(id, on: db) }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        return try await replay.once(
            scope: "staff:\(visit.principal.id):console.marketplace.payout_resume", form: form,
            path: request.uri.path
        ) {
            if run.status == .running {
                _ = try await runInBackground(
                    minimum: run.minimum, runKey: run.key, visit: visit, logger: context.logger)
            }
            return .redirect("/admin/marketplace/payouts/runs/\(id.rawValue)")
        }
    }

    /// Runs the payout run outside the request, and returns its ID once it is finished or, for a long run,
    /// once it has started.
    private func runInBackground(
        minimum: Money, runKey: String, visit: StaffVisit, logger: Logger
    ) async throws -> PayoutRunID {
        let (sellers, database, actor, now) = (
            platform.sellers, platform.database, visit.actor, platform.clock.now()
        )
        // Not tied to the request: the browser moves on to the run's page while the run goes on. A run cut
        // short by a restart stays `running` and is resumed by its key from that page.
        Task {
            do {
                _ = try await sellers.runPayouts(minimum: minimum, at: now, runKey: runKey, by: actor, in: database)
            } catch {
                logger.error(
                    "payout run stopped", metadata: ["run_key": .string(runKey), "error": .string("\(error)")])
            }
        }
        var started: SellerPayoutRun?
        for _ in 0..<Self.payoutRunWaits {
            try await Task.sleep(for: .milliseconds(100))
            started = try await database.read { db in try await sellers.payoutRun(key: runKey, on: db) }
            if started?.status == .finished { break }
        }
        guard let started else {
            throw Problem(
                status: .serviceUnavailable, code: "payout_run_not_started",
                detail: "The payout run did not start. Try again in a moment; no seller was paid.")
        }
        return started.id
    }

    private func payoutRunPage(_ request: Request, id raw: String, visit: StaffVisit) async throws -> Response {
        let id = try pathID(raw, as: PayoutRunID.self, notFound: PayoutError.runNotFound)
        let after = FormData(urlEncoded: request.uri.query ?? "")["after"].flatMap(SellerPayoutID.init)
        let (sellers, limit) = (platform.sellers, Self.payoutStatementPageSize)
        let (run, progress, payouts, names) = try await platform.database.read { db in
            let run = try await sellers.payoutRun(id, on: db)
            let payouts = try await sellers.payouts(inRun: id, after: after, limit: limit + 1, on: db)
            return (
                run, try await sellers.progress(of: run, on: db), payouts,
                try await sellers.displayNames(of: payouts.map(\.sellerID), on: db)
            )
        }
        let shown = Array(payouts.prefix(limit))
        let view = PayoutRunView(
            run: run, progress: progress, payouts: shown, names: names,
            next: payouts.count > limit ? shown.last?.id : nil, mayResume: visit.may(.marketplacePayoutsManage),
            settings: settings)
        var response = try render(
            "console-payout-run", title: "Payout run", section: .marketplace, view: view, visit: visit,
            request: request)
        // The `Refresh` header is the `<meta http-equiv="refresh">` of the layout's head: the page follows the
        // run without a script, and stops reloading once the run is finished.
        if run.status == .running, let refresh = HTTPField.Name("Refresh") {
            response.headers[refresh] = "\(Self.payoutRefreshSeconds)"
        }
        return response
    }
}
