public import Foundation
public import TorvCore

/// One line of an entry: a debit (positive amount) or a credit (negative) to one account, in one
/// currency. Signed amounts make "an entry balances" a plain sum per currency.
public struct JournalLine: Sendable, Hashable, Codable {
    public var accountCode: String
    public var amount: Money
    public var memo: String?
    /// The VAT rate in basis points (2500 = 25 %) when the line is VAT or the taxable base of VAT: the
    /// VAT report sums bases and tax per rate from these tags.
    public var vatRate: Int?

    public init(accountCode: String, amount: Money, memo: String? = nil, vatRate: Int? = nil) {
        self.accountCode = accountCode
        self.amount = amount
        self.memo = memo
        self.vatRate = vatRate
    }

    public static func debit(
        _ account: String, _ amount: Money, memo: String? = nil, vatRate: Int? = nil
    )
        -> JournalLine
    {
        JournalLine(accountCode: account, amount: amount, memo: memo, vatRate: vatRate)
    }

    public static func credit(
        _ account: String, _ amount: Money, memo: String? = nil, vatRate: Int? = nil
    )
        -> JournalLine
    {
        JournalLine(
            accountCode: account, amount: Money(minorUnits: -amount.amount, currency: amount.currency), memo: memo,
            vatRate: vatRate)
    }

    /// The same line on the other side (a reversal, a refund mirroring a sale).
    public var negated: JournalLine {
        JournalLine(
            accountCode: accountCode, amount: Money(minorUnits: -amount.amount, currency: amount.currency), memo: memo,
            vatRate: vatRate)
    }
}

/// What a posting rule or an accountant asks to post. `sourceKey` names the business event or
/// document that caused it (`order.paid:ord_…`): the ledger posts one entry per key, ever.
public struct NewJournalEntry: Sendable, Hashable {
    public var sourceKey: String
    public var postingDate: Date
    public var description: String
    public var lines: [JournalLine]
    /// The business document behind the entry (an order, a return, a supplier bill), for drill-down.
    public var document: SourceDocument?

    public init(
        sourceKey: String, postingDate: Date, description: String, lines: [JournalLine],
        document: SourceDocument? = nil
    ) {
        self.sourceKey = sourceKey
        self.postingDate = postingDate
        self.description = description
        self.lines = lines
        self.document = document
    }
}

/// A posted entry. Never changed: a correction is a reversing entry that points back to it.
public struct JournalEntry: Sendable, Hashable, Codable {
    public let id: JournalEntryID
    public let sourceKey: String
    public let postingDate: Date
    public let description: String
    public let lines: [JournalLine]
    public let document: SourceDocument?
    public let reverses: JournalEntryID?
    public let postedAt: Date
}

/// An account's balance in one currency: debits minus credits.
public struct AccountBalance: Sendable, Hashable, Codable {
    public let accountCode: String
    public let type: AccountType
    public let balance: Money
}

/// The business document an entry came from: `order` + its ID, `return`, `supplier_bill`, `stock_document`.
public struct SourceDocument: Sendable, Hashable, Codable {
    public var type: String
    public var id: String

    public init(type: String, id: String) {
        self.type = type
        self.id = id
    }
}
