import Flows
import Foundation
import Hummingbird
import Promotions
import TorvCore

/// Group deals in the console, read as the API's `listGroupDeals` and `getGroupDeal` read them.
extension ConsolePages {
    func registerGroupDeals(on router: Router<TorvRequestContext>) {
        router.get("/admin/promotions/group-deals") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                let shown = try await GroupDeals.showing(on: platform, all: true)
                return try render(
                    "console-deals", title: "Group deals", section: .promotions,
                    view: GroupDealListView(shown, settings: settings), visit: visit, request: request)
            }
        }
        router.get("/admin/promotions/group-deals/:deal") { request, context in
            await page(request, context, permission: .promotionsRead) { visit in
                let id = try pathID(
                    context.parameters.get("deal") ?? "", as: GroupDealID.self,
                    notFound: PromotionsError.groupDealNotFound)
                let shown = try await GroupDeals.showing(id, on: platform)
                return try render(
                    "console-deal", title: shown.deal.title, section: .promotions,
                    view: GroupDealPageView(shown, settings: settings), visit: visit, request: request)
            }
        }
    }
}
