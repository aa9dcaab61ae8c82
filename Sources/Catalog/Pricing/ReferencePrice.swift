public import Foundation
public import TorvCore

/// The prior price to show beside a reduction, and why it is that price: the storefront words the
/// label from `basis` ("lowest price of the last 30 days", "lowest price since 3 May"), and staff
/// can audit it against `period`.
public struct ReferencePrice: Sendable, Hashable, Codable {
    /// Which rule of ``OmnibusPolicy`` chose the prior price.
    public enum Basis: Sendable, Hashable, Codable {
        /// The lowest price of the `days` before the reduction started.
        case lowestInWindow(days: Int)
        /// The product has been on sale for less than the window: the lowest price since `since`.
        case lowestSinceFirstOffered(since: Date)
        /// A step of a progressive reduction: measured before the first step, which started at `start`.
        case progressiveFrom(start: Date)
        /// A perishable good, exempt from showing a prior price.
        case exemptPerishable
        /// The variant had no public price in the period searched, so no reduction can be claimed.
        case noHistory
    }

    /// The lowest price applied in `period`; `nil` when exempt or without history.
    public let price: Money?
    public let basis: Basis
    /// The period `price` was taken from, ending when the (first) reduction started; `nil` when exempt.
    public let period: Range<Date>?

    public init(price: Money?, basis: Basis, period: Range<Date>?) {
        self.price = price
        self.basis = basis
        self.period = period
    }
}
