import Foundation
import GiftCards
import TorvCore

/// Gift cards and store credit for staff: what is still owed on each card, whose it is, and the form
/// to issue one. A card's code is never shown here again: Torv keeps only a digest and the last four.
struct GiftCardListView {
    let cardKindOptions: [FilterOption]
    let customerFilterValue: String
    let cardRows: [GiftCardRow]
    let hasCardRows: Bool
    let cardsEmptyMessage: String
    let nextCardsHref: String?
    let giftCardNotice: String?
    let issueForm: GiftCardIssueForm?

    init(
        kind: GiftCardKind?, customer: String, cards: [GiftCard], next: GiftCardID?, notice: String?,
        issueForm: GiftCardIssueForm?, now: Date, settings: ShopSettings
    ) {
        cardKindOptions =
            [FilterOption(optionValue: "", optionLabel: "Gift cards and store credit", optionSelected: kind == nil)]
            + [GiftCardKind.giftCard, .storeCredit].map {
                FilterOption(optionValue: $0.rawValue, optionLabel: GiftCardWords.kind($0), optionSelected: kind == $0)
            }
        customerFilterValue = customer
        cardRows = cards.map { GiftCardRow($0, now: now, settings: settings) }
        hasCardRows = !cards.isEmpty
        cardsEmptyMessage =
            kind == nil && customer.isEmpty
            ? "No cards yet. Issue one below, or sell them in the shop."
            : "No card matches. Clear the filters to see every card."
        nextCardsHref = next.map { cursor in
            var query = ["after=\(cursor.rawValue)"]
            if let kind { query.append("kind=\(kind.rawValue)") }
            if !customer.isEmpty {
                query.append("customer=\(customer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
            }
            return "/admin/gift-cards?" + query.joined(separator: "&")
        }
        giftCardNotice = notice
        self.issueForm = issueForm
    }
}

struct GiftCardRow {
    let cardHref: String
    let cardLastFour: String
    let cardKindText: String
    let cardBalance: String
    let cardInitial: String
    let cardStateText: String
    let cardStateClass: String
    let cardCustomer: String
    let cardExpires: String
    let cardIssued: String

    init(_ card: GiftCard, now: Date, settings: ShopSettings) {
        cardHref = "/admin/gift-cards/\(card.id.rawValue)"
        cardLastFour = "…\(card.lastFour)"
        cardKindText = GiftCardWords.kind(card.kind)
        cardBalance = settings.money(card.balance)
        cardInitial = settings.money(card.initialValue)
        (cardStateText, cardStateClass) = GiftCardWords.state(card, now: now)
        cardCustomer = card.customerID ?? ""
        cardExpires = card.expiresAt.map(settings.date) ?? "Never"
        cardIssued = settings.dateTime(card.createdAt)
    }
}

/// One card: its facts, every change of its balance, and the switch to stop it being spent.
struct GiftCardPageView {
    let cardID: String
    let cardTitle: String
    let cardFacts: [SellerFact]
    let cardMovements: [GiftCardMovementRow]
    let cardStateText: String
    let cardStateClass: String
    let cardNotice: String?
    let statusForm: GiftCardStatusForm?

    init(
        card: GiftCard, movements: [GiftCardMovement], notice: String?, statusForm: GiftCardStatusForm?, now: Date,
        settings: ShopSettings
    ) {
        cardID = card.id.rawValue
        cardTitle = "\(GiftCardWords.kind(card.kind)) …\(card.lastFour)"
        let facts: [(String, String?)] = [
            ("Balance", settings.money(card.balance)), ("Issued for", settings.money(card.initialValue)),
            ("Why", GiftCardWords.reason(card.reason)), ("Customer", card.customerID),
            ("Expires", card.expiresAt.map(settings.date) ?? "Never"), ("Issued", settings.dateTime(card.createdAt)),
            ("Note", card.note),
        ]
        cardFacts = facts.compactMap { label, value in value.map { SellerFact(factLabel: label, factValue: $0) } }
        cardMovements = movements.map { movement in
            GiftCardMovementRow(
                movementAt: settings.dateTime(movement.occurredAt), movementKind: GiftCardWords.movement(movement.kind),
                movementAmount: settings.money(movement.amount), movementReference: movement.reference ?? "")
        }
        (cardStateText, cardStateClass) = GiftCardWords.state(card, now: now)
        cardNotice = notice
        self.statusForm = statusForm
    }
}

struct GiftCardMovementRow {
    let movementAt: String
    let movementKind: String
    let movementAmount: String
    let movementReference: String
}

/// Disables an active card or enables a disabled one, with the reason the audit log keeps.
struct GiftCardStatusForm {
    let statusKey: String
    let statusTarget: String
    let statusButton: String
    let statusReasonValue: String
    let statusProblem: String?

    init(card: GiftCard, reason: String = "", problem: String? = nil) {
        statusKey = FormGuard.randomToken()
        statusTarget = card.status == .active ? GiftCardStatus.disabled.rawValue : GiftCardStatus.active.rawValue
        statusButton = card.status == .active ? "Disable the card" : "Enable the card again"
        statusReasonValue = reason
        statusProblem = problem
    }
}

/// The issue form with what was typed and why it was refused.
struct GiftCardIssueForm {
    let issueKey: String
    let issueCurrency: String
    let issueKindOptions: [FilterOption]
    let issueReasonOptions: [FilterOption]
    let issueValue: String
    let issueCustomer: String
    let issueExpires: String
    let issueNote: String
    let issueProblem: String?

    init(typed: FormData = FormData(urlEncoded: ""), currency: Currency, problem: String? = nil) {
        issueKey = FormGuard.randomToken()
        issueCurrency = currency.code
        let kind = typed["kind"] ?? GiftCardKind.giftCard.rawValue
        issueKindOptions = [GiftCardKind.giftCard, .storeCredit].map {
            FilterOption(
                optionValue: $0.rawValue, optionLabel: GiftCardWords.kind($0), optionSelected: kind == $0.rawValue)
        }
        let reason = typed["reason"] ?? GiftCardIssueReason.goodwill.rawValue
        issueReasonOptions = [GiftCardIssueReason.goodwill, .sold].map {
            FilterOption(
                optionValue: $0.rawValue, optionLabel: GiftCardWords.reason($0), optionSelected: reason == $0.rawValue)
        }
        issueValue = typed["value"] ?? ""
        issueCustomer = typed["customer"] ?? ""
        issueExpires = typed["expires_on"] ?? ""
        issueNote = typed["note"] ?? ""
        issueProblem = problem
    }
}

/// The card shown once, right after it was issued.
struct IssuedGiftCardView {
    let issuedCardHref: String
    let issuedCode: String
    let issuedValue: String
    let issuedKind: String
}

enum GiftCardWords {
    static func kind(_ kind: GiftCardKind) -> String {
        switch kind {
        case .giftCard: "Gift card"
        case .storeCredit: "Store credit"
        }
    }

    static func reason(_ reason: GiftCardIssueReason) -> String {
        switch reason {
        case .sold: "Sold (paid for: booked against the bank)"
        case .goodwill: "Given (goodwill: booked as a promotional cost)"
        }
    }

    static func movement(_ kind: GiftCardMovementKind) -> String {
        switch kind {
        case .issued: "Issued"
        case .redeemed: "Spent"
        case .released: "Released (order not completed)"
        case .refunded: "Refunded to the card"
        }
    }

    static func state(_ card: GiftCard, now: Date) -> (String, String) {
        if card.status == .disabled { return ("Disabled", "status-cancelled") }
        if card.isExpired(at: now) { return ("Expired", "status-pending") }
        if card.balance.isZero { return ("Used up", "status-draft") }
        return ("Active", "status-approved")
    }
}
