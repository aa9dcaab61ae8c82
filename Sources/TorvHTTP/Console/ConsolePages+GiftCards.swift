import Flows
import Foundation
import GiftCards
import HTTPTypes
import Hummingbird
import Identity
import Persistence
import TorvCore

/// Gift cards and store credit: the list and a card's history as the API's `listGiftCards` and
/// `getGiftCard` read them, issuing a card (its code shown once) and disabling or enabling one, with the
/// permissions those operations declare.
extension ConsolePages {
    func registerGiftCards(on router: Router<TorvRequestContext>) {
        router.get("/admin/gift-cards") { request, context in
            await page(request, context, permission: .giftCardsRead) { visit in
                try await giftCardList(request, visit: visit)
            }
        }
        router.post("/admin/gift-cards") { request, context in
            await post(request, context, permission: .giftCardsManage) { visit, form in
                try await issueGiftCard(request, form: form, visit: visit)
            }
        }
        router.get("/admin/gift-cards/:card") { request, context in
            await page(request, context, permission: .giftCardsRead) { visit in
                let done = FormData(urlEncoded: request.uri.query ?? "")["done"]
                let notice: String? =
                    switch done {
                    case "issued": "The card was issued. Its code was shown once; Torv does not keep it."
                    case "disabled": "The card is disabled: it cannot be spent, and its balance is still owed."
                    case "active": "The card can be spent again."
                    default: nil
                    }
                return try await giftCardPage(
                    request, id: context.parameters.get("card") ?? "", visit: visit, notice: notice)
            }
        }
        router.post("/admin/gift-cards/:card/status") { request, context in
            await post(request, context, permission: .giftCardsManage) { visit, form in
                try await setGiftCardStatus(request, id: context.parameters.get("card") ?? "", form: form, visit: visit)
            }
        }
    }

    static let giftCardsPageSize = 25

    private func giftCardList(
        _ request: Request, visit: StaffVisit, issueForm: GiftCardIssueForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let kind = query["kind"].flatMap(GiftCardKind.init(rawValue:))
        let customer = (query["customer"] ?? "").trimmingCharacters(in: .whitespaces)
        let after = query["after"].flatMap(GiftCardID.init)
        let (giftCards, limit) = (platform.giftCards, Self.giftCardsPageSize)
        let owner = try await customerID(customer)
        let fetched = try await platform.database.read { db in
            try await giftCards.cards(
                customerID: customer.isEmpty ? nil : owner ?? customer, kind: kind, limit: limit + 1, after: after,
                on: db)
        }
        let shown = Array(fetched.prefix(limit))
        let view = GiftCardListView(
            kind: kind, customer: customer, cards: shown, next: fetched.count > limit ? shown.last?.id : nil,
            notice: nil,
            issueForm: visit.may(.giftCardsManage) ? issueForm ?? GiftCardIssueForm(currency: settings.currency) : nil,
            now: platform.clock.now(), settings: settings)
        return try render(
            "console-gift-cards", title: "Gift cards", section: .giftCards, view: view, visit: visit, request: request,
            status: status)
    }

    /// A customer typed by e-mail or ID, as their ID; nil when nobody has that e-mail.
    private func customerID(_ typed: String) async throws -> String? {
        guard typed.contains("@") else { return typed.isEmpty ? nil : typed }
        let identity = platform.identity
        return try await platform.database.read { db in try await identity.customer(email: typed, on: db) }?
            .id.rawValue
    }

    /// Issues the card once per form key (the key also makes the card unique, as the API's
    /// `Idempotency-Key` does) and shows its code this once; a repeat goes to the card's page.
    private func issueGiftCard(_ request: Request, form: FormData, visit: StaffVisit) async throws -> Response {
        let refuse = { (problem: String, status: HTTPResponse.Status) in
            try await giftCardList(
                request, visit: visit,
                issueForm: GiftCardIssueForm(typed: form, currency: settings.currency, problem: problem),
                status: status)
        }
        guard
            let value = try? Money.parse(
                (form["value"] ?? "").trimmingCharacters(in: .whitespaces), currency: settings.currency)
        else {
            return try await refuse("Write the value in \(settings.currency.code) like 25.00.", .unprocessableContent)
        }
        var expiresAt: Date?
        if let text = form["expires_on"], !text.isEmpty {
            guard let end = settings.endOfDay(text) else {
                return try await refuse("Expires on must be a date like 2027-12-31.", .unprocessableContent)
            }
            expiresAt = end
        }
        let typedCustomer = (form["customer"] ?? "").trimmingCharacters(in: .whitespaces)
        let customer = try await customerID(typedCustomer)
        if !typedCustomer.isEmpty && customer == nil {
            return try await refuse("No customer has the e-mail address \(typedCustomer).", .unprocessableContent)
        }
        let new = NewGiftCard(
            kind: form["kind"].flatMap(GiftCardKind.init(rawValue:)) ?? .giftCard, value: value,
            reason: form["reason"].flatMap(GiftCardIssueReason.init(rawValue:)) ?? .goodwill, customerID: customer,
            expiresAt: expiresAt, note: (form["note"] ?? "").isEmpty ? nil : form["note"])
        let key = "\(visit.actor.kind):\(visit.actor.id):console:\(form[FormReplay.fieldName] ?? "")"
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.gift_cards.issue"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (giftCards, actor) = (platform.giftCards, visit.actor)
            do {
                let issued = try await platform.database.inTransaction { db in
                    try await giftCards.issue(new, key: key, by: actor, on: db)
                }
                let href = "/admin/gift-cards/\(issued.card.id.rawValue)"
                guard let code = issued.code else { return .redirect(href) }
                let view = IssuedGiftCardView(
                    issuedCardHref: href, issuedCode: code, issuedValue: settings.money(issued.card.initialValue),
                    issuedKind: GiftCardWords.kind(issued.card.kind))
                return .shownOnce(
                    try render(
                        "console-gift-card-issued", title: "Card issued", section: .giftCards, view: view,
                        visit: visit, request: request, status: .created),
                    replay: href + "?done=issued")
            } catch let error as any DomainError {
                guard let status = ConsoleFormRefusal.status(of: error) else { throw error }
                return .refused(try await refuse(ConsoleFormRefusal.sentence(error), status))
            }
        }
    }

    private func giftCardPage(
        _ request: Request, id raw: String, visit: StaffVisit, notice: String? = nil,
        statusForm: GiftCardStatusForm? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let id = try pathID(raw, as: GiftCardID.self, notFound: GiftCardsError.cardNotFound)
        let giftCards = platform.giftCards
        let (card, movements) = try await platform.database.read { db in
            (try await giftCards.card(id, on: db), try await giftCards.movements(of: id, on: db))
        }
        let view = GiftCardPageView(
            card: card, movements: movements, notice: notice,
            statusForm: visit.may(.giftCardsManage) ? statusForm ?? GiftCardStatusForm(card: card) : nil,
            now: platform.clock.now(), settings: settings)
        return try render(
            "console-gift-card", title: view.cardTitle, section: .giftCards, view: view, visit: visit,
            request: request, status: status)
    }

    /// Disables or enables the card once per form key; a reason is required, as the API requires it.
    private func setGiftCardStatus(
        _ request: Request, id raw: String, form: FormData, visit: StaffVisit
    ) async throws -> Response {
        let id = try pathID(raw, as: GiftCardID.self, notFound: GiftCardsError.cardNotFound)
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let target = form["status"].flatMap(GiftCardStatus.init(rawValue:)), !reason.isEmpty, reason.count <= 500
        else {
            let giftCards = platform.giftCards
            let card = try await platform.database.read { db in try await giftCards.card(id, on: db) }
            return try await giftCardPage(
                request, id: raw, visit: visit,
                statusForm: GiftCardStatusForm(
                    card: card, reason: reason, problem: "Say why, in up to 500 characters: the audit log keeps it."),
                status: .unprocessableContent)
        }
        let replay = FormReplay(store: platform.idempotency, database: platform.database)
        let scope = "staff:\(visit.principal.id):console.gift_cards.status"
        return try await replay.once(scope: scope, form: form, path: request.uri.path) {
            let (giftCards, actor) = (platform.giftCards, visit.actor)
            _ = try await platform.database.inTransaction { db in
                try await giftCards.setStatus(id, to: target, reason: reason, by: actor, on: db)
            }
            return .redirect("/admin/gift-cards/\(id.rawValue)?done=\(target.rawValue)")
        }
    }
}

extension Permission {
    static let giftCardsRead: Permission = "giftcards.read"
    static let giftCardsManage: Permission = "giftcards.manage"
}
