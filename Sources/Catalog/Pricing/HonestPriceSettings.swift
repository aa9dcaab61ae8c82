/// The shop's honest-price settings: its Omnibus policy, the categories whose goods are perishable
/// (exempt from the prior price where the policy allows), and whether a planned reduction that would
/// mislead shoppers — a price raised shortly before it — is refused or only reported to staff.
public struct HonestPriceSettings: Sendable, Hashable, Codable {
    public var policy: OmnibusPolicy
    public var refusesFakeDiscounts: Bool
    /// Categories (and their sub-categories) of goods that deteriorate or expire rapidly.
    public var perishableCategoryIDs: [String]

    public init(
        policy: OmnibusPolicy = .standard, refusesFakeDiscounts: Bool = false, perishableCategoryIDs: [String] = []
    ) {
        self.policy = policy
        self.refusesFakeDiscounts = refusesFakeDiscounts
        self.perishableCategoryIDs = perishableCategoryIDs
    }
}
