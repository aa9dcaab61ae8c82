public import Foundation
public import Ledger
public import TorvCore

/// A named amount a business event gives the books: the gross a shopper paid, the VAT in it, the
/// cost of the goods that left. Rules say which account each fact goes to; facts say how much.
public enum PostingFact: String, Sendable, Hashable, CaseIterable, Codable {
    /// What the customer paid or owes, tax included.
    case gross
    /// Goods at their price before discounts, tax excluded.
    case salesNet
    /// Discounts on goods, tax excluded.
    case discountNet
    /// Shipping charged, tax excluded.
    case shippingNet
    /// VAT charged, per rate.
    case vat
    /// Money given back, tax excluded.
    case refundNet
    /// VAT given back with a refund, per rate.
    case refundVAT
    /// Goods valued at cost (moving average). Positive in the direction the rule names; a count or
    /// correction carries its sign (a gain positive, a loss negative).
    case cost
    /// What a supplier billed above the goods' receipt cost (negative when below).
    case priceDifference
    /// Input VAT on a supplier bill, per rate.
    case purchaseVAT
    /// What a payment provider kept of a capture.
    case fee
    /// What gift cards and store credit paid, or a card's value when issued or refunded onto it.
    case giftCard
    /// What the platform owes marketplace sellers for a sale (their goods and shipping less its fee), or
    /// pays them out.
    case sellerPayable
    /// The platform's commission on marketplace sales.
    case platformFee
}

/// The facts of one event, each split by VAT rate where VAT applies (`nil` for amounts outside VAT).
public struct PostingFacts: Sendable, Hashable {
    public let currency: Currency
    public private(set) var amounts: [PostingFact: [Int?: Int64]] = [:]

    public init(currency: Currency) {
        self.currency = currency
    }

    public mutating func add(_ fact: PostingFact, _ amount: Int64, vatRate: Int? = nil) {
        amounts[fact, default: [:]][vatRate, default: 0] += amount
    }

    public func total(_ fact: PostingFact) -> Int64 {
        amounts[fact]?.values.reduce(0, +) ?? 0
    }
}

/// How one kind of business event is booked: for each fact, the account and the side. A rule is data
/// (``PostingRules/standard``), so it is read, reviewed and tested line by line, like a posting
/// schedule an accountant would write.
public struct PostingRule: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable { case debit, credit }

    public struct Line: Sendable, Hashable {
        public let side: Side
        public let account: String
        public let fact: PostingFact

        public static func debit(_ account: String, _ fact: PostingFact) -> Line {
            Line(side: .debit, account: account, fact: fact)
        }

        public static func credit(_ account: String, _ fact: PostingFact) -> Line {
            Line(side: .credit, account: account, fact: fact)
        }
    }

    /// The rule's name (`sale.card`), also the first part of every source key it posts under.
    public let name: String
    public let lines: [Line]

    public init(_ name: String, _ lines: [Line]) {
        self.name = name
        self.lines = lines
    }

    /// The journal lines for `facts`: one per rule line and VAT rate, zero amounts left out, rates in
    /// ascending order so the same facts always give the same entry (posting twice is then a no-op).
    public func journalLines(for facts: PostingFacts) -> [JournalLine] {
        lines.flatMap { line -> [JournalLine] in
            let byRate = facts.amounts[line.fact] ?? [:]
            return byRate.keys.sorted { ($0 ?? -1) < ($1 ?? -1) }.compactMap { rate in
                guard let amount = byRate[rate], amount != 0 else { return nil }
                let signed = line.side == .debit ? amount : -amount
                return JournalLine(
                    accountCode: line.account, amount: Money(minorUnits: signed, currency: facts.currency),
                    vatRate: rate)
            }
        }
    }
}

/// One entry a posting rule produced for one event, before the ledger takes it.
public struct Posting: Sendable, Hashable {
    public let rule: PostingRule
    /// Unique per business event (`sale.card:ord_…`): the ledger posts it once, ever.
    public let sourceKey: String
    public let date: Date
    public let description: String
    public let document: SourceDocument?
    public let facts: PostingFacts

    public init(
        rule: PostingRule, sourceKey: String, date: Date, description: String, document: SourceDocument?,
        facts: PostingFacts
    ) {
        self.rule = rule
        self.sourceKey = sourceKey
        self.date = date
        self.description = description
        self.document = document
        self.facts = facts
    }

    public var entry: NewJournalEntry {
        NewJournalEntry(
            sourceKey: sourceKey, postingDate: date, description: description, lines: rule.journalLines(for: facts),
            document: document)
    }
}
