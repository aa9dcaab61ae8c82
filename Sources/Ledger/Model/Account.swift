public import Foundation

/// The five kinds of account of double-entry bookkeeping; a kind says on which side an account grows.
public enum AccountType: String, Sendable, Hashable, Codable, CaseIterable {
    case asset, liability, equity, revenue, expense

    /// Assets and expenses grow by debits; liabilities, equity and revenue by credits.
    public var growsByDebit: Bool { self == .asset || self == .expense }
}

/// An account of the chart, keyed by its code (`1930`, `3001`), which entries refer to.
public struct Account: Sendable, Hashable, Codable {
    public let code: String
    public var name: String
    public let type: AccountType
    /// Cash or a cash equivalent (bank, the payment provider's clearing balance): the cash-flow
    /// report explains the movements of these accounts.
    public let isCash: Bool
    public let createdAt: Date
}
