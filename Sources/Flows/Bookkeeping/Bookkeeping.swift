public import Foundation
import GiftCards
import Inventory
import Invoicing
public import Ledger
public import Orders
import Payments
public import Persistence
public import Promotions
import Purchasing
public import SQLKit
import Sellers
public import TorvCore

/// Keeps the books: turns business events into ledger entries by the posting rules, as an outbox
/// subscriber. Each entry commits in the transaction that marks its event delivered and carries the
/// event's source key, so an event posts exactly once — delivered twice, replayed after a crash, or
/// replayed by ``rebuild(from:on:)``.
public struct Bookkeeping: Sendable {
    public static let subscriberName = "ledger"

    /// The events that move money or goods; everything else leaves the books alone.
    public static let eventTypes: Set<String> = [
        OrderPaid.eventType, PaymentRefunded.eventType, PaymentCaptured.eventType, InvoicePaymentRecorded.eventType,
        StockCommitted.eventType,
        StockReceived.eventType,
        StockAdjusted.eventType, StockCounted.eventType,
        SupplierBillApproved.eventType, SupplierBillPaid.eventType,
        GiftCardIssued.eventType, GiftCardRefunded.eventType,
        GroupDealVoucherRedeemed.eventType,
        SellerPayoutScheduled.eventType, SellerPayoutFailed.eventType,
    ]

    let ledger: Ledger
    let orders: Orders
    /// Reads the VAT rate a group deal recorded, for the VAT of its prepayments.
    let promotions: Promotions
    let clock: WallClock

    public init(ledger: Ledger, orders: Orders, promotions: Promotions, clock: WallClock) {
        self.ledger = ledger
        self.orders = orders
        self.promotions = promotions
        self.clock = clock
    }

    public var subscriber: OutboxSubscriber {
        OutboxSubscriber(name: Self.subscriberName, eventTypes: Self.eventTypes) { envelope, db in
            try await book(envelope, on: db)
        }
    }

    /// What `envelope` posts, by the standard rules; empty for events that move nothing.
    public func postings(for envelope: EventEnvelope, on db: any SQLDatabase) async throws -> [Posting] {
        switch envelope.type {
        case OrderPaid.eventType:
            let paid = try envelope.decode(OrderPaid.self)
            let order = try await orders.order(paid.orderID, on: db)
            let onInvoice = order.paymentMethod == PaymentMethodKind.invoice.rawValue
            return [
                Posting(
                    rule: onInvoice ? PostingRules.invoiceSale : PostingRules.cardSale,
                    sourceKey: "sale:\(order.id.rawValue)", date: envelope.occurredAt,
                    description: "Order \(order.number) paid",
                    document: SourceDocument(type: "order", id: order.id.rawValue),
                    facts: try SaleFacts.sale(of: order, subOrders: try await orders.subOrders(of: order.id, on: db)))
            ]
        case PaymentRefunded.eventType:
            let refunded = try envelope.decode(PaymentRefunded.self)
            // A group-deal participant's refund gives back a prepayment, not a sale.
            if GroupDealParticipantID(refunded.reference) != nil {
                let rate = try await promotions.groupDealVATRate(ofParticipant: refunded.reference, on: db)
                return [try GroupDealFacts.refund(refunded, vatRate: rate, date: envelope.occurredAt)]
            }
            // Payments for orders carry the order's ID as their reference; others are not sales.
            guard let orderID = OrderID(refunded.reference) else { return [] }
            let order = try await orders.order(orderID, on: db)
            let subOrders = try await orders.subOrders(of: order.id, on: db)
            let onInvoice = order.paymentMethod == PaymentMethodKind.invoice.rawValue
            return [
                Posting(
                    rule: onInvoice ? PostingRules.invoiceRefund : PostingRules.cardRefund,
                    sourceKey: "refund:\(refunded.refundID.rawValue)", date: envelope.occurredAt,
                    description: "Refund on order \(order.number)",
                    document: SourceDocument(type: "order", id: order.id.rawValue),
                    facts: try SaleFacts.refund(
                        refunded.refundAmount, after: try refunded.amounts.refunded.subtracting(refunded.refundAmount),
                        of: order, subOrders: subOrders,
                        sellersReturned: try await sellersReturned(refunded, of: order, subOrders: subOrders, on: db)))
            ]
        case InvoicePaymentRecorded.eventType:
            let received = try envelope.decode(InvoicePaymentRecorded.self)
            var facts = PostingFacts(currency: received.amount.currency)
            facts.add(.gross, received.amount.amount)
            return [
                Posting(
                    rule: PostingRules.invoicePaid, sourceKey: "receipt:\(received.paymentID.rawValue)",
                    date: received.receivedAt, description: "Invoice \(received.number) paid",
                    document: SourceDocument(type: "invoice", id: received.invoiceID.rawValue), facts: facts)
            ]
        case PaymentCaptured.eventType:
            let captured = try envelope.decode(PaymentCaptured.self)
            // An order's capture is booked with its sale (`order.paid`); a group-deal participant's (`gdpart_…`) is
            // a prepayment until their voucher is redeemed. Both pay the provider's fee. Other payments are not
            // the shop's sales, and the audit compares the clearing account with these two kinds only.
            let participant = GroupDealParticipantID(captured.reference)
            guard OrderID(captured.reference) != nil || participant != nil else { return [] }
            var postings: [Posting] = []
            if participant != nil {
                let rate = try await promotions.groupDealVATRate(ofParticipant: captured.reference, on: db)
                postings.append(try GroupDealFacts.prepayment(captured, vatRate: rate, date: envelope.occurredAt))
            }
            if let fee = captured.fee, fee.isPositive {
                var facts = PostingFacts(currency: fee.currency)
                facts.add(.fee, fee.amount)
                postings.append(
                    Posting(
                        rule: PostingRules.captureFee, sourceKey: "fee:\(captured.paymentID.rawValue)",
                        date: envelope.occurredAt, description: "Card processing fee",
                        document: SourceDocument(type: "payment", id: captured.paymentID.rawValue), facts: facts))
            }
            return postings
        case GroupDealVoucherRedeemed.eventType:
            let redeemed = try envelope.decode(GroupDealVoucherRedeemed.self)
            return [try GroupDealFacts.redemption(redeemed, date: envelope.occurredAt)]
        case StockCommitted.eventType:
            let sold = try envelope.decode(StockCommitted.self)
            return StockFacts.postings(
                sold.costs, rule: PostingRules.goodsSold, key: "stock.sold:\(sold.reservationID.rawValue)",
                date: envelope.occurredAt, description: "Goods sold (\(sold.reference))",
                document: SourceDocument(type: "stock_reservation", id: sold.reservationID.rawValue), sign: -1)
        case StockReceived.eventType:
            let received = try envelope.decode(StockReceived.self)
            return StockFacts.postings(
                received.costs, rule: PostingRules.goodsPurchased,
                key: "stock.received:\(received.documentID.rawValue)",
                date: envelope.occurredAt, description: "Goods received\(received.reference.map { " (\($0))" } ?? "")",
                document: SourceDocument(type: "stock_document", id: received.documentID.rawValue), sign: 1)
        case StockAdjusted.eventType:
            let adjusted = try envelope.decode(StockAdjusted.self)
            return StockFacts.postings(
                adjusted.costs, rule: StockFacts.rule(for: adjusted.reason),
                key: "stock.adjusted:\(adjusted.documentID.rawValue)", date: envelope.occurredAt,
                description:
                    "Stock \(adjusted.reason.rawValue.replacingOccurrences(of: "_", with: " ")): \(adjusted.sku)",
                document: SourceDocument(type: "stock_document", id: adjusted.documentID.rawValue),
                sign: StockFacts.sign(for: adjusted.reason))
        case StockCounted.eventType:
            let counted = try envelope.decode(StockCounted.self)
            return StockFacts.postings(
                counted.costs, rule: PostingRules.stockCorrected, key: "stock.counted:\(counted.documentID.rawValue)",
                date: envelope.occurredAt, description: "Stock count differences",
                document: SourceDocument(type: "stock_document", id: counted.documentID.rawValue), sign: 1)
        case SupplierBillApproved.eventType:
            let bill = try envelope.decode(SupplierBillApproved.self)
            return [
                Posting(
                    rule: PostingRules.supplierBill, sourceKey: "bill:\(bill.billID.rawValue)", date: bill.billDate,
                    description: "Supplier bill \(bill.invoiceNumber)",
                    document: SourceDocument(type: "supplier_bill", id: bill.billID.rawValue),
                    facts: PurchaseFacts.bill(bill))
            ]
        case SupplierBillPaid.eventType:
            let paid = try envelope.decode(SupplierBillPaid.self)
            return [
                Posting(
                    rule: PostingRules.supplierPaid, sourceKey: "bill.payment:\(paid.paymentID.rawValue)",
                    date: paid.paidAt, description: "Supplier bill \(paid.invoiceNumber) paid",
                    document: SourceDocument(type: "supplier_bill", id: paid.billID.rawValue),
                    facts: PurchaseFacts.payment(paid))
            ]
        case GiftCardIssued.eventType:
            let issued = try envelope.decode(GiftCardIssued.self)
            var facts = PostingFacts(currency: issued.value.currency)
            facts.add(.giftCard, issued.value.amount)
            return [
                Posting(
                    rule: issued.reason == .sold ? PostingRules.giftCardSold : PostingRules.giftCardGiven,
                    sourceKey: "gift_card:\(issued.cardID.rawValue)", date: envelope.occurredAt,
                    description: issued.kind == .storeCredit ? "Store credit issued" : "Gift card issued",
                    document: SourceDocument(type: "gift_card", id: issued.cardID.rawValue), facts: facts)
            ]
        case GiftCardRefunded.eventType:
            let refunded = try envelope.decode(GiftCardRefunded.self)
            guard let order = try await orders.order(checkoutKey: refunded.reference, on: db) else { return [] }
            return [
                Posting(
                    rule: PostingRules.giftCardRefund, sourceKey: "refund:\(refunded.movementID.rawValue)",
                    date: envelope.occurredAt, description: "Refund onto a gift card, order \(order.number)",
                    document: SourceDocument(type: "order", id: order.id.rawValue),
                    facts: try SaleFacts.refund(
                        refunded.amount, after: refunded.refundedBefore, of: order,
                        subOrders: try await orders.subOrders(of: order.id, on: db)))
            ]
        case SellerPayoutScheduled.eventType:
            let payout = try envelope.decode(SellerPayoutScheduled.self)
            return [
                Posting(
                    rule: PostingRules.sellerPayout, sourceKey: "payout:\(payout.payoutID.rawValue)",
                    date: envelope.occurredAt, description: "Payout to seller \(payout.sellerID.rawValue)",
                    document: SourceDocument(type: "seller_payout", id: payout.payoutID.rawValue),
                    facts: Self.sellerFacts(payout.amount))
            ]
        case SellerPayoutFailed.eventType:
            let failed = try envelope.decode(SellerPayoutFailed.self)
            return [
                Posting(
                    rule: PostingRules.sellerPayoutReturned, sourceKey: "payout_returned:\(failed.payoutID.rawValue)",
                    date: envelope.occurredAt, description: "Payout to seller \(failed.sellerID.rawValue) returned",
                    document: SourceDocument(type: "seller_payout", id: failed.payoutID.rawValue),
                    facts: Self.sellerFacts(failed.amount))
            ]
        default:
            return []
        }
    }

    /// The sellers' shares of a refund that paid a return of their items; none for other refunds.
    func sellersReturned(
        _ refunded: PaymentRefunded, of order: Order, subOrders: [SubOrder], on db: any SQLDatabase
    ) async throws -> [SellerReturnShare] {
        guard !subOrders.isEmpty,
            let orderReturn = try await orders.returns(of: order.id, on: db).first(where: {
                $0.paymentRefundID == refunded.refundID.rawValue
            })
        else { return [] }
        return try SellerReturnShare.of(orderReturn, order: order, subOrders: subOrders)
    }

    static func sellerFacts(_ amount: Money) -> PostingFacts {
        var facts = PostingFacts(currency: amount.currency)
        facts.add(.sellerPayable, amount.amount)
        return facts
    }

    /// Posts what `envelope` posts.
    @discardableResult
    public func book(_ envelope: EventEnvelope, on db: any SQLDatabase) async throws -> [JournalEntry] {
        var entries: [JournalEntry] = []
        for posting in try await postings(for: envelope, on: db) {
            if let entry = try await post(posting, on: db) { entries.append(entry) }
        }
        return entries
    }

    /// Posts one rule's entry, or nothing when every amount is zero (a free order). An event dated in a
    /// closed month is booked today instead (the accountant closed that month; late news belongs to the
    /// open one), saying so in its description.
    func post(_ posting: Posting, on db: any SQLDatabase) async throws -> JournalEntry? {
        let entry = posting.entry
        guard !entry.lines.isEmpty else { return nil }
        do {
            return try await ledger.post(entry, on: db).entry
        } catch let error as ValidationError where error.fieldErrors.contains(where: { $0.code == "period_closed" }) {
            var late = entry
            late.postingDate = clock.now()
            late.description += " (event of a closed period)"
            return try await ledger.post(late, on: db).entry
        }
    }

    /// What a rebuild did.
    public struct RebuildReport: Sendable, Hashable, Codable {
        public var eventsRead = 0
        public var entriesPosted = 0
        public var entriesAlreadyPosted = 0
    }

    /// Replays the whole event history through the posting rules: entries missing from the ledger are
    /// posted, entries already there are left as they are (one per source key). A ledger added to a
    /// shop with history, or one whose deliveries were lost, comes out the same as one kept live.
    public func rebuild(from database: Database, batchSize: Int = 500) async throws -> RebuildReport {
        var report = RebuildReport()
        var cursor: EventID?
        let outbox = Outbox(subscribers: [], clock: clock)
        while true {
            let after = cursor
            let batch = try await database.read { db in
                try await outbox.history(after: after, limit: batchSize, on: db)
            }
            guard let last = batch.last else { return report }
            cursor = last.id
            report.eventsRead += batch.count
            let booked = try await database.inTransaction { db in
                var posted = 0
                var existing = 0
                for envelope in batch where Self.eventTypes.contains(envelope.type) {
                    for posting in try await postings(for: envelope, on: db) {
                        if try await ledger.entry(sourceKey: posting.sourceKey, on: db) != nil {
                            existing += 1
                        } else if try await post(posting, on: db) != nil {
                            posted += 1
                        }
                    }
                }
                return (posted, existing)
            }
            report.entriesPosted += booked.0
            report.entriesAlreadyPosted += booked.1
        }
    }
}
