import Catalog
import Checkout
import Customers
public import Foundation
import Identity
public import Payments
public import Persistence
public import Promotions
import SQLKit
public import TorvCore

/// What staff fill in for a group deal; the product, SKU and regular price come from the catalogue.
public struct GroupDealDraft: Sendable, Hashable {
    public var title: String
    public var variantID: String
    /// The channel whose regular price the tiers must stay at or below.
    public var channel: String
    public var tiers: [GroupDealTier]
    public var minParticipants: Int
    public var maxParticipants: Int?
    public var maxQuantityPerParticipant: Int
    public var opensAt: Date
    public var deadline: Date
    public var voucherValidDays: Int

    public init(
        title: String, variantID: String, channel: String = "web", tiers: [GroupDealTier], minParticipants: Int,
        maxParticipants: Int? = nil, maxQuantityPerParticipant: Int = 1, opensAt: Date, deadline: Date,
        voucherValidDays: Int
    ) {
        self.title = title
        self.variantID = variantID
        self.channel = channel
        self.tiers = tiers
        self.minParticipants = minParticipants
        self.maxParticipants = maxParticipants
        self.maxQuantityPerParticipant = maxQuantityPerParticipant
        self.opensAt = opensAt
        self.deadline = deadline
        self.voucherValidDays = voucherValidDays
    }
}

/// Why a join did not go through at the card.
public enum GroupDealFlowError: DomainError, Hashable {
    case variantNotFound
    /// The shop has no VAT rate for the variant's tax class in its home country, so a voucher could not be
    /// booked: set the rate up first.
    case taxRateMissing(country: String, taxClass: String)
    /// The card refused the authorisation: the shopper is not in the deal and holds no place.
    case paymentDeclined(reason: String)
    /// The card wants a 3-D Secure challenge, which group deals do not take yet: nothing is held.
    case challengeNotSupported

    public var code: String {
        switch self {
        case .variantNotFound: "variant_not_found"
        case .taxRateMissing: "tax_rate_missing"
        case .paymentDeclined: "payment_declined"
        case .challengeNotSupported: "payment_challenge_not_supported"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .variantNotFound: .invalid
        case .taxRateMissing, .paymentDeclined, .challengeNotSupported: .unprocessable
        }
    }

    public var message: String {
        switch self {
        case .variantNotFound: "No variant has this ID, or it has no price in the channel."
        case .taxRateMissing(let country, let taxClass):
            "No tax rate is set up for \(taxClass) goods in \(country); the deal's vouchers could not be booked."
        case .paymentDeclined(let reason): "The card was declined (\(reason)); you have not joined."
        case .challengeNotSupported: "This card needs a security check that group deals do not support yet."
        }
    }

    public var fieldErrors: [FieldError] {
        switch self {
        case .variantNotFound, .taxRateMissing: [FieldError(pointer: "/variant_id", message: message, code: code)]
        default: []
        }
    }
}

/// Group deals across modules: the catalogue says what the variant is and costs, Payments holds each
/// participant's authorisation and later captures, voids or refunds it, Promotions guards the seats, the
/// settlement steps and the vouchers. Payments for a participant carry its ID (`gdpart_…`) as reference.
public enum GroupDeals {
    public static func create(
        _ draft: GroupDealDraft, by actor: AuditActor, on platform: Platform
    ) async throws -> GroupDeal {
        try await platform.database.inTransaction { db in
            let currency = draft.tiers.first?.unitPrice.currency ?? .eur
            guard
                let offer = try await FlashSales.regularOffer(
                    of: draft.variantID, channel: draft.channel, currency: currency, at: draft.opensAt,
                    on: platform, db: db)
            else { throw GroupDealFlowError.variantNotFound }
            let new = NewGroupDeal(
                title: draft.title, productID: offer.productID.rawValue, variantID: draft.variantID, sku: offer.sku,
                regularPrice: offer.unitPrice, tiers: draft.tiers, minParticipants: draft.minParticipants,
                maxParticipants: draft.maxParticipants, maxQuantityPerParticipant: draft.maxQuantityPerParticipant,
                opensAt: draft.opensAt, deadline: draft.deadline, voucherValidDays: draft.voucherValidDays,
                taxClass: offer.taxClass,
                vatRate: try await vatRate(of: offer.taxClass, on: platform, db: db))
            return try await platform.promotions.createGroupDeal(new, by: actor, on: db)
        }
    }

    /// The VAT rate (basis points) a voucher for goods of `taxClass` carries: the shop's home country's, since
    /// a voucher is redeemed with the merchant rather than shipped to an address.
    static func vatRate(of taxClass: String, on platform: Platform, db: any SQLDatabase) async throws -> Int {
        let country = platform.homeCountry
        guard
            let rate = try await platform.checkout.taxRates(country: country, on: db).first(where: {
                $0.taxClass == taxClass
            })
        else { throw GroupDealFlowError.taxRateMissing(country: country, taxClass: taxClass) }
        return rate.basisPoints
    }

    /// Redeems a voucher at the till (``Promotions/redeemGroupDealVoucher(_:by:on:)``), with its deal. A deal set
    /// up before deals recorded their VAT rate records it first, from the variant's tax class now.
    public static func redeemVoucher(
        _ code: String, by actor: AuditActor, on platform: Platform
    ) async throws -> (voucher: GroupDealVoucher, deal: GroupDeal) {
        try await platform.database.inTransaction { db in
            let promotions = platform.promotions
            let found = try await promotions.groupDealVoucher(code: code, on: db)
            let deal = try await promotions.groupDeal(found.dealID, on: db)
            if deal.vatRate == nil {
                let offer = try await FlashSales.regularOffer(
                    of: deal.variantID, channel: "web", currency: deal.regularPrice.currency, at: platform.clock.now(),
                    on: platform, db: db)
                let taxClass = deal.taxClass ?? offer?.taxClass ?? "standard"
                try await promotions.recordGroupDealTax(
                    deal.id, taxClass: taxClass, vatRate: try await vatRate(of: taxClass, on: platform, db: db), on: db)
            }
            let voucher = try await promotions.redeemGroupDealVoucher(code, by: actor, on: db)
            return (voucher, try await promotions.groupDeal(voucher.dealID, on: db))
        }
    }

    /// Joins by authorising the price the join reaches, in the three steps of every card payment: a
    /// transaction takes a seat and starts the authorisation; the card provider is asked outside any
    /// transaction; a second transaction records the answer and confirms the seat (or gives it back and
    /// throws `payment_declined`). A provider that does not answer leaves the seat authorising until
    /// settlement looks the answer up.
    public static func join(
        _ id: GroupDealID, customerID: String, cardNumber: String, quantity: Int = 1, on platform: Platform
    ) async throws -> GroupDealSeat {
        let request = GroupDealJoinRequest(customerID: customerID, quantity: quantity)
        let (seat, attempt) = try await platform.database.inTransaction { db in
            let displayName = try await initials(of: customerID, on: platform, db: db)
            let (deal, admission) = try await platform.promotions.admitToGroupDeal(id, request: request, on: db)
            let participantID = GroupDealParticipantID.generate(platform.ids, at: platform.clock.now())
            let payment = try await platform.payments.createPayment(
                NewPayment(
                    reference: participantID.rawValue, amount: admission.amountToAuthorise, method: .card,
                    customerID: customerID), on: db)
            let seat = try await platform.promotions.seatInGroupDeal(
                deal, admission: admission, request: request,
                displayName: displayName, paymentID: payment.id.rawValue,
                participantID: participantID, on: db)
            let attempt = try await platform.payments.startAuthorization(
                payment.id, instrument: .card(token: cardNumber), on: db)
            return (seat, attempt)
        }
        let outcome = await platform.payments.perform(attempt)
        let (answered, payment) = try await platform.database.inTransaction { db in
            let payment = try await platform.payments.record(outcome, of: attempt, on: db)
            return (try await conclude(seat.participant.id, authorisation: payment, on: platform, db: db), payment)
        }
        switch answered.status {
        case .rejected where payment.status == .requiresAction: throw GroupDealFlowError.challengeNotSupported
        case .rejected:
            throw GroupDealFlowError.paymentDeclined(reason: payment.failureReason?.rawValue ?? "declined")
        default: return answered
        }
    }

    /// The shopper's initials for the public log: from the name on their profile, else on their account.
    static func initials(of customerID: String, on platform: Platform, db: any SQLDatabase) async throws -> String {
        if let name = try await platform.customers.profile(of: customerID, on: db).displayName {
            return GroupDealLog.initials(of: name)
        }
        guard let id = CustomerID(customerID),
            let account = try? await platform.identity.customer(id, on: db)
        else { return "" }
        return GroupDealLog.initials(of: account.name)
    }

    /// Moves a seat that is authorising by its payment: authorised → joined; declined, voided or waiting for
    /// a challenge → rejected; no answer yet → unchanged.
    static func conclude(
        _ participantID: GroupDealParticipantID, authorisation payment: Payment, on platform: Platform,
        db: any SQLDatabase
    ) async throws -> GroupDealSeat {
        switch payment.status {
        case .authorized:
            return try await platform.promotions.confirmGroupDealSeat(participantID, on: db)
        case .failed, .voided, .requiresAction:
            try await platform.promotions.rejectGroupDealSeat(participantID, on: db)
        case .pending, .unknown, .captured, .partiallyRefunded, .refunded:
            break
        }
        return try await platform.promotions.seat(participantID, on: db)
    }

    /// Leaves a deal that has not tipped and releases the authorisation.
    public static func leave(
        _ id: GroupDealID, customerID: String, on platform: Platform
    ) async throws -> GroupDealSeat {
        let (seat, attempt) = try await platform.database.inTransaction { db in
            let seat = try await platform.promotions.leaveGroupDeal(id, customerID: customerID, on: db)
            guard let paymentID = PaymentID(seat.participant.paymentID),
                try await platform.payments.payment(paymentID, on: db).status == .authorized
            else { return (seat, PaymentAttempt?.none) }
            return (seat, try await platform.payments.startVoid(paymentID, on: db))
        }
        if let attempt {
            let outcome = await platform.payments.perform(attempt)
            _ = try await platform.database.inTransaction { db in
                try await platform.payments.record(outcome, of: attempt, on: db)
            }
        }
        return try await platform.database.read { db in
            try await platform.promotions.seat(seat.participant.id, on: db)
        }
    }

    /// A deal as the storefront and staff see it at `now`.
    public struct Showing: Sendable, Hashable {
        public var snapshot: GroupDealSnapshot
        public var phase: GroupDealPhase
        /// Participants in (joined and not left).
        public var participants: Int
        /// The tier price the participants in have reached (the first tier's before the minimum).
        public var currentPrice: Money
        /// Until the opening while scheduled, until the deadline otherwise; zero once due.
        public var secondsLeft: Int
        public var deal: GroupDeal { snapshot.deal }
    }

    public static func showing(_ id: GroupDealID, on platform: Platform) async throws -> Showing {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            showing(try await platform.promotions.groupDealSnapshot(id, on: db), at: now)
        }
    }

    public static func showing(on platform: Platform, all: Bool = false) async throws -> [Showing] {
        let now = platform.clock.now()
        return try await platform.database.read { db in
            var shown: [Showing] = []
            for deal in try await platform.promotions.groupDeals(showingAt: all ? nil : now, on: db) {
                shown.append(showing(try await platform.promotions.groupDealSnapshot(deal.id, on: db), at: now))
            }
            return shown
        }
    }

    static func showing(_ snapshot: GroupDealSnapshot, at now: Date) -> Showing {
        let deal = snapshot.deal
        let count = snapshot.participants.countIn
        let phase = deal.phase(at: now, participants: count)
        let until = phase == .scheduled ? deal.opensAt : deal.deadline
        return Showing(
            snapshot: snapshot, phase: phase, participants: count,
            currentPrice: deal.unitPrice(forParticipants: count),
            secondsLeft: max(0, Int(until.timeIntervalSince(now).rounded(.up))))
    }

    /// The customer's seat in the deal, if they hold one that counts.
    public static func seat(of customerID: String, in snapshot: GroupDealSnapshot) -> GroupDealSeat? {
        snapshot.seats.last { $0.participant.customerID == customerID && $0.status != .rejected }
    }
}
