import Flows
import Foundation
import Hummingbird
import Promotions
import TorvCore

/// Group-deal pages: progress, tiers, countdown and the invite link for everyone; joining (authorise,
/// not capture) and leaving for signed-in customers.
extension StorefrontPages {
    func registerGroupDeals(on router: Router<TorvRequestContext>) {
        router.get("/deals/:deal_id") { request, context in
            await page(request, context) {
                try await groupDeal(request, id: context.parameters.get("deal_id") ?? "")
            }
        }
        router.post("/deals/:deal_id/join") { request, context in
            await post(request, context) { form in
                try await joinGroupDeal(request, id: context.parameters.get("deal_id") ?? "", form: form)
            }
        }
        router.post("/deals/:deal_id/leave") { request, context in
            await post(request, context) { _ in
                guard let id = GroupDealID(context.parameters.get("deal_id") ?? "") else {
                    throw PromotionsError.groupDealNotFound
                }
                guard let shopper = await SignedInShopper.from(request, on: platform) else {
                    return HTMLResponse.redirect(to: "/account/login?next=/deals/\(id.rawValue)")
                }
                _ = try await GroupDeals.leave(id, customerID: shopper.customerID, on: platform)
                return HTMLResponse.redirect(to: "/deals/\(id.rawValue)")
            }
        }
    }

    func groupDeal(
        _ request: Request, id text: String, problem: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let id = GroupDealID(text) else { throw PromotionsError.groupDealNotFound }
        let showing = try await GroupDeals.showing(id, on: platform)
        let shopper = await SignedInShopper.from(request, on: platform)
        let seat = shopper.flatMap { GroupDeals.seat(of: $0.customerID, in: showing.snapshot) }
        let view = DealPage(
            deal: GroupDealView(
                showing, seat: seat, signedIn: shopper != nil,
                // The API's invite path: who invited is counted by seat number, never by name.
                inviteURL: Self.absoluteURL(
                    "/deals/\(id.rawValue)" + (seat.map { "?invited_by=\($0.number)" } ?? ""), request: request),
                settings: settings),
            joinProblem: problem)
        return try await render("shop-deal", title: showing.deal.title, view: view, request: request, status: status)
    }

    private func joinGroupDeal(_ request: Request, id text: String, form: FormData) async throws -> Response {
        guard let id = GroupDealID(text) else { throw PromotionsError.groupDealNotFound }
        guard let shopper = await SignedInShopper.from(request, on: platform) else {
            return HTMLResponse.redirect(to: "/account/login?next=/deals/\(id.rawValue)")
        }
        let card = (form["card_number"] ?? "").filter { !$0.isWhitespace }
        guard !card.isEmpty else {
            return try await groupDeal(
                request, id: text, problem: "Enter a card number: joining authorises it.", status: .unprocessableContent
            )
        }
        do {
            _ = try await GroupDeals.join(id, customerID: shopper.customerID, cardNumber: card, on: platform)
        } catch let error as any DomainError where error.kind != .notFound {
            return try await groupDeal(request, id: text, problem: error.message, status: .unprocessableContent)
        }
        return HTMLResponse.redirect(to: "/deals/\(id.rawValue)#your-seat")
    }

    /// This page's address as the shopper reached it, for links shared elsewhere.
    static func absoluteURL(_ path: String, request: Request) -> String {
        guard let host = request.head.authority else { return path }
        return (PageCookies.isSecure(request) ? "https://" : "http://") + host + path
    }
}

struct DealPage {
    let deal: GroupDealView
    let joinProblem: String?
}
