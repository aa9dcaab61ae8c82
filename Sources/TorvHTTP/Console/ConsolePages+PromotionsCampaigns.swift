import Flows
import Foundation
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import Promotions
import TorvCore

/// Campaigns in the console: the list and a campaign's page as the API's `listCampaigns` reads them, and
/// scheduling one as `createCampaign` does.
extension ConsolePages {
    func registerCampaigns(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions/campaigns") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await campaignList(request, visit: visit)
            }
        }
        router.post("/admin/promotions/campaigns") { request, context in
            await post(request, context, permission: .promotionsManage) { visit, form in
                try await createCampaign(request, form: form, visit: visit)
            }
        }
        router.get("/admin/promotions/campaigns/:campaign") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                try await campaignPage(request, id: context.parameters.get("campaign") ?? "", visit: visit)
            }
        }
    }

    private func campaignList(
        _ request: Request, visit: StaffVisit, failure: (message: String, form: FormData)? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let promotions = platform.promotions
        let campaigns = try await platform.database.read { db in try await promotions.campaigns(on: db) }
        let view = CampaignListView(
            campaigns, mayManage: visit.may(.promotionsManage), failure: failure, now: platform.clock.now(),
            settings: settings)
        return try render(
            "console-campaigns", title: "Campaigns", section: .promotions, view: view, visit: visit, request: request,
            status: status)
    }

    private func campaignPage(_ request: Request, id raw: String, visit: StaffVisit) async throws -> Response {
        let id = try pathID(raw, as: CampaignID.self, notFound: PromotionsError.campaignNotFound)
        let promotions = platform.promotions
        let (campaign, records, sales) = try await platform.database.read { db in
            (
                try await promotions.campaign(id, on: db), try await promotions.promotions(on: db),
                try await promotions.flashSales(on: db)
            )
        }
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let view = CampaignPageView(
            campaign, promotions: records, sales: sales, created: query["done"] == "created",
            now: platform.clock.now(), settings: settings)
        return try render(
            "console-campaign", title: campaign.name, section: .promotions, view: view, visit: visit, request: request)
    }

    private func createCampaign(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.promotions.campaign"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let announce = form["announce_at"] ?? ""
            let new = NewCampaign(
                name: form["name"] ?? "", timeZone: form["time_zone"] ?? "",
                announceAt: announce.isEmpty ? nil : announce,
                startsAt: form["starts_at"] ?? "", endsAt: form["ends_at"] ?? "")
            let (promotions, actor) = (platform.promotions, visit.actor)
            let campaign: Campaign
            do {
                campaign = try await platform.database.inTransaction { db in
                    try await promotions.createCampaign(new, by: actor, on: db)
                }
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                let message = Self.sentence(
                    error,
                    labels: [
                        "name": "The name", "time_zone": "The time zone", "announce_at": "Announce from",
                        "starts_at": "Starts", "ends_at": "Ends",
                    ])
                return .refused(
                    try await campaignList(request, visit: visit, failure: (message, form), status: status))
            }
            return .redirect("/admin/promotions/campaigns/\(campaign.id.rawValue)?done=created")
        }
    }
}
