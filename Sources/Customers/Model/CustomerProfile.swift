public import Foundation

/// What Torv knows about a buyer beyond their sign-in: how to address them, how to reach them, which
/// language they read, and whether they agreed to marketing.
///
/// Every customer has a profile: one that was never saved reads as the defaults (``updatedAt`` is
/// `nil`), and the row is written on the first update.
public struct CustomerProfile: Sendable, Hashable, Codable {
    /// Identity's customer ID (`cus_…`).
    public var customerID: String
    public var displayName: String?
    /// E.164 (`+4930123456`), normalised from what the customer typed.
    public var phone: String?
    /// A BCP 47 language tag (`de`, `de-AT`), for e-mails and the storefront.
    public var locale: String?
    /// Whether the customer agreed to marketing messages. Off until they opt in.
    public var marketingConsent: Bool
    /// When the consent last changed (given or withdrawn): the proof of consent GDPR asks for. `nil`
    /// until the customer first decides.
    public var marketingConsentChangedAt: Date?
    /// When the profile was last saved; `nil` for the defaults of a profile never saved.
    public var updatedAt: Date?

    public init(
        customerID: String, displayName: String? = nil, phone: String? = nil, locale: String? = nil,
        marketingConsent: Bool = false, marketingConsentChangedAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.customerID = customerID
        self.displayName = displayName
        self.phone = phone
        self.locale = locale
        self.marketingConsent = marketingConsent
        self.marketingConsentChangedAt = marketingConsentChangedAt
        self.updatedAt = updatedAt
    }

    /// The profile of a customer who never saved one.
    public static func defaults(of customerID: String) -> CustomerProfile {
        CustomerProfile(customerID: customerID)
    }
}

/// What a customer (or staff on their behalf) submits to change a profile. It replaces every field:
/// `nil` clears one.
public struct CustomerProfileDraft: Sendable, Hashable, Codable {
    public var displayName: String?
    public var phone: String?
    public var locale: String?
    public var marketingConsent: Bool

    public init(displayName: String? = nil, phone: String? = nil, locale: String? = nil, marketingConsent: Bool = false)
    {
        self.displayName = displayName
        self.phone = phone
        self.locale = locale
        self.marketingConsent = marketingConsent
    }
}
