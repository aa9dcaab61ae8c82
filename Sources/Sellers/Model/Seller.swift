public import Foundation
public import TorvCore

/// A company (B2C) or a private person (C2C) selling through the marketplace.
public enum SellerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case business
    case `private`
}

/// Where a seller stands: `applied → onboarding → under_review → approved → suspended / closed`.
public enum SellerStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case applied
    case onboarding
    case underReview = "under_review"
    case approved
    case suspended
    case closed
}

/// What shoppers see of a seller, and the seller's own terms.
public struct SellerProfile: Sendable, Hashable, Codable {
    public var description: String
    public var logoURL: String?
    public var supportEmail: String?
    public var returnPolicy: String
    /// Days a buyer has to return an item (at least 14 for a business selling to consumers in the EU).
    public var returnWindowDays: Int
    /// Working days from order to hand-over to the carrier, unless an offer says otherwise.
    public var handlingDays: Int
    /// ISO 3166-1 alpha-2 country the seller ships from.
    public var shipsFrom: String?
    /// The seller's shipping charge per sub-order, and the sub-order value from which shipping is free.
    public var shippingFee: Money?
    public var freeShippingFrom: Money?

    public init(
        description: String = "", logoURL: String? = nil, supportEmail: String? = nil, returnPolicy: String = "",
        returnWindowDays: Int = 14, handlingDays: Int = 2, shipsFrom: String? = nil, shippingFee: Money? = nil,
        freeShippingFrom: Money? = nil
    ) {
        self.description = description
        self.logoURL = logoURL
        self.supportEmail = supportEmail
        self.returnPolicy = returnPolicy
        self.returnWindowDays = returnWindowDays
        self.handlingDays = handlingDays
        self.shipsFrom = shipsFrom
        self.shippingFee = shippingFee
        self.freeShippingFrom = freeShippingFrom
    }
}

/// The facts the platform must know before a seller may trade (know-your-customer, payouts, tax).
public struct SellerOnboarding: Sendable, Hashable, Codable {
    /// Registered company name, or the private person's full legal name.
    public var legalName: String?
    /// Company registration number (business only).
    public var registrationNumber: String?
    /// VAT identification number (business only).
    public var vatID: String?
    /// Date of birth as `YYYY-MM-DD` (private persons only: sellers must be adults).
    public var birthDate: String?
    /// Country of residence or registration (ISO 3166-1 alpha-2).
    public var country: String?
    /// Where payouts go.
    public var payoutIBAN: String?
    public var payoutHolder: String?

    public init(
        legalName: String? = nil, registrationNumber: String? = nil, vatID: String? = nil, birthDate: String? = nil,
        country: String? = nil, payoutIBAN: String? = nil, payoutHolder: String? = nil
    ) {
        self.legalName = legalName
        self.registrationNumber = registrationNumber
        self.vatID = vatID
        self.birthDate = birthDate
        self.country = country
        self.payoutIBAN = payoutIBAN
        self.payoutHolder = payoutHolder
    }
}

/// A document handed in for onboarding, stored by reference (the file lives in the operator's storage).
public struct SellerDocument: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Extract from the trade register (business).
        case businessRegistration = "business_registration"
        /// Passport or identity card (private person, or a business's representative).
        case identity
        /// Proof of the payout account (bank statement).
        case bankStatement = "bank_statement"
    }

    public let id: SellerDocumentID
    public let kind: Kind
    public let url: String
    public let addedAt: Date

    public init(id: SellerDocumentID, kind: Kind, url: String, addedAt: Date) {
        self.id = id
        self.kind = kind
        self.url = url
        self.addedAt = addedAt
    }
}

/// A seller account.
public struct Seller: Sendable, Hashable, Codable {
    public let id: SellerID
    /// The seller's storefront address (`/sellers/{handle}`), unique.
    public var handle: String
    public var displayName: String
    public let kind: SellerKind
    public var status: SellerStatus
    /// Why the seller was sent back, suspended or closed; shown to the seller.
    public var statusReason: String?
    /// The commission plan (`standard`, `pro`, …) the platform-fee rules may name.
    public var plan: String
    public var profile: SellerProfile
    public var onboarding: SellerOnboarding
    public var documents: [SellerDocument]
    /// While set and in the future the seller's offers stay visible but cannot be bought.
    public var holidayUntil: Date?
    public var holidayMessage: String?
    public let createdAt: Date
    public var updatedAt: Date
    public var approvedAt: Date?

    public init(
        id: SellerID, handle: String, displayName: String, kind: SellerKind, status: SellerStatus,
        statusReason: String?, plan: String, profile: SellerProfile, onboarding: SellerOnboarding,
        documents: [SellerDocument], holidayUntil: Date?, holidayMessage: String?, createdAt: Date, updatedAt: Date,
        approvedAt: Date?
    ) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.kind = kind
        self.status = status
        self.statusReason = statusReason
        self.plan = plan
        self.profile = profile
        self.onboarding = onboarding
        self.documents = documents
        self.holidayUntil = holidayUntil
        self.holidayMessage = holidayMessage
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.approvedAt = approvedAt
    }

    public func isOnHoliday(at now: Date) -> Bool {
        holidayUntil.map { $0 > now } ?? false
    }

    /// Whether buyers can buy from this seller now: approved and not on holiday.
    public func isTrading(at now: Date) -> Bool {
        status == .approved && !isOnHoliday(at: now)
    }
}
