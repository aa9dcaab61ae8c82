import Flows
import Foundation
import Identity
import Sellers
import TorvAPI
import TorvCore

extension Components.Schemas.SellerProfile {
    init(_ profile: SellerProfile) {
        self.init(
            description: profile.description, logoUrl: profile.logoURL, supportEmail: profile.supportEmail,
            returnPolicy: profile.returnPolicy, returnWindowDays: Int32(clamping: profile.returnWindowDays),
            handlingDays: Int32(clamping: profile.handlingDays), shipsFrom: profile.shipsFrom,
            shippingFee: profile.shippingFee.map(Components.Schemas.Money.init),
            freeShippingFrom: profile.freeShippingFrom.map(Components.Schemas.Money.init))
    }

    func model() throws -> SellerProfile {
        SellerProfile(
            description: description ?? "", logoURL: logoUrl, supportEmail: supportEmail,
            returnPolicy: returnPolicy ?? "", returnWindowDays: Int(returnWindowDays ?? 14),
            handlingDays: Int(handlingDays ?? 2), shipsFrom: shipsFrom,
            shippingFee: try shippingFee.map { try APIHandlers.money($0, at: "/shipping_fee") },
            freeShippingFrom: try freeShippingFrom.map { try APIHandlers.money($0, at: "/free_shipping_from") })
    }
}

extension Components.Schemas.SellerOnboarding {
    init(_ onboarding: SellerOnboarding) {
        self.init(
            legalName: onboarding.legalName, registrationNumber: onboarding.registrationNumber,
            vatId: onboarding.vatID, birthDate: onboarding.birthDate, country: onboarding.country,
            payoutIban: onboarding.payoutIBAN, payoutHolder: onboarding.payoutHolder)
    }

    var model: SellerOnboarding {
        SellerOnboarding(
            legalName: legalName, registrationNumber: registrationNumber, vatID: vatId, birthDate: birthDate,
            country: country, payoutIBAN: payoutIban, payoutHolder: payoutHolder)
    }
}

extension Components.Schemas.SellerDocument {
    init(_ document: SellerDocument) {
        self.init(id: document.id.rawValue, kind: document.kind.rawValue, url: document.url, addedAt: document.addedAt)
    }
}

extension Components.Schemas.SellerAccount {
    init(_ seller: Seller, at now: Date, history: [SellerStatusChange]? = nil) {
        let missing =
            [.applied, .onboarding].contains(seller.status) ? OnboardingChecklist.missing(seller, at: now) : []
        self.init(
            id: seller.id.rawValue, handle: seller.handle, displayName: seller.displayName,
            kind: .init(rawValue: seller.kind.rawValue) ?? .business,
            status: .init(rawValue: seller.status.rawValue) ?? .applied, statusReason: seller.statusReason,
            plan: seller.plan, profile: .init(seller.profile), onboarding: .init(seller.onboarding),
            documents: seller.documents.map(Components.Schemas.SellerDocument.init),
            missing: missing.map(Components.Schemas.FieldProblem.init), trading: seller.isTrading(at: now),
            holidayUntil: seller.isOnHoliday(at: now) ? seller.holidayUntil : nil,
            holidayMessage: seller.isOnHoliday(at: now) ? seller.holidayMessage : nil,
            history: history?.map(Components.Schemas.SellerStatusChange.init), createdAt: seller.createdAt,
            approvedAt: seller.approvedAt)
    }
}

extension Components.Schemas.SellerStatusChange {
    init(_ change: SellerStatusChange) {
        self.init(
            from: change.from?.rawValue, to: change.to.rawValue, reason: change.reason,
            actor: "\(change.actorKind):\(change.actorID)", changedAt: change.changedAt)
    }
}

extension Components.Schemas.SellerUser {
    init(_ user: SellerUser) {
        self.init(
            id: user.id.rawValue, sellerId: user.sellerID, email: user.email, name: user.name,
            role: .init(rawValue: user.role.rawValue) ?? .fulfilment, disabled: user.disabled,
            createdAt: user.createdAt)
    }
}

extension Components.Schemas.CommissionQuote {
    init(_ quote: CommissionQuote) {
        self.init(fee: .init(quote.fee), ruleId: quote.ruleID, explanation: quote.explanation)
    }
}

extension Components.Schemas.SellerOffer {
    init(_ offer: SellerOffer, fee: CommissionQuote?) {
        self.init(
            id: offer.id.rawValue, sellerId: offer.sellerID.rawValue, productId: offer.productID,
            variantId: offer.variantID, sku: offer.sku, title: offer.title,
            condition: .init(rawValue: offer.condition.rawValue) ?? .new, conditionNote: offer.conditionNote,
            price: .init(offer.price), quantity: Int32(clamping: offer.quantity),
            handlingDays: offer.handlingDays.map { Int32(clamping: $0) },
            status: .init(rawValue: offer.status.rawValue) ?? .paused,
            fee: fee.map(Components.Schemas.CommissionQuote.init),
            createdAt: offer.createdAt, updatedAt: offer.updatedAt)
    }
}

extension Components.Schemas.CommissionRule {
    init(_ rule: CommissionRule) {
        self.init(
            id: rule.id, sellerId: rule.sellerID, categoryId: rule.categoryID, plan: rule.plan,
            percentBasisPoints: Int32(clamping: rule.percentBasisPoints),
            fixedPerItem: rule.fixedPerItem.map(Components.Schemas.Money.init),
            minimumPerLine: rule.minimumPerLine.map(Components.Schemas.Money.init))
    }
}

extension Components.Schemas.PublicSeller {
    init(_ seller: Seller, at now: Date) {
        self.init(
            handle: seller.handle, displayName: seller.displayName,
            kind: .init(rawValue: seller.kind.rawValue) ?? .business, profile: .init(seller.profile),
            trading: seller.isTrading(at: now), holidayUntil: seller.isOnHoliday(at: now) ? seller.holidayUntil : nil,
            holidayMessage: seller.isOnHoliday(at: now) ? seller.holidayMessage : nil,
            memberSince: seller.approvedAt ?? seller.createdAt)
    }
}

extension Components.Schemas.ProductOffer {
    init(_ ranked: RankedOffer, at now: Date) {
        let offer = ranked.offer
        self.init(
            offerId: offer.id.rawValue, seller: .init(ranked.seller, at: now), variantId: offer.variantID,
            title: offer.title, condition: .init(rawValue: offer.condition.rawValue) ?? .new,
            conditionNote: offer.conditionNote, price: .init(offer.price),
            shipping: .init((try? ranked.ranking.landedPrice.subtracting(offer.price)) ?? .zero(offer.price.currency)),
            landedPrice: .init(ranked.ranking.landedPrice), available: Int32(clamping: offer.quantity),
            handlingDays: Int32(clamping: offer.handlingDays ?? ranked.seller.profile.handlingDays),
            isDefault: ranked.isDefault, eligible: ranked.ranking.eligible, reasons: ranked.ranking.reasons)
    }
}
