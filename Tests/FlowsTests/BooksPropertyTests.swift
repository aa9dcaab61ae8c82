import Checkout
import Flows
import Foundation
import GiftCards
import Inventory
import Ledger
import Orders
import Payments
import Persistence
import Purchasing
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Random sequences of sales (some paid partly or wholly by gift cards sold or given away), partial
/// refunds, cancellations, supplier deliveries at changing costs (some against purchase orders, billed
/// above or below the agreed price and paid in parts) and write-offs: whatever the shop does, the books
/// balance, agree with the payments, the gift cards still owed, the open supplier bills and stock at
/// cost, and give back no more VAT than they took.
@Suite("The books under random trade")
struct BooksPropertyTests {
    /// A small deterministic generator, so a failing sequence can be replayed from its seed.
    struct Dice {
        var state: UInt64
        mutating func roll(_ below: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(below))
        }
    }

    @Test(
        "sales, refunds, cancellations, deliveries and write-offs keep the books whole", arguments: TestBackend.allCases
    )
    func randomTrade(backend: TestBackend) async throws {
        for seed in [UInt64(3), 17, 2_026, 90_210] {
            try await withTestDatabase(on: backend) { env in
                try await Self.trade(seed: seed, env: env)
            }
        }
    }

    static func trade(seed: UInt64, env: TestEnvironment) async throws {
        var dice = Dice(state: seed)
        let platform = env.platform()
        let shop = try await TestShop.seed(on: platform)
        env.clock.advance(by: 60)
        var paid: [Order] = []
        var refunded: Int64 = 0
        var refunds = 0
        let inventory = platform.inventory
        let supplier = try await platform.database.inTransaction { db in
            try await platform.purchasing.createSupplier(
                SupplierDraft(name: "Random Goods", email: "r@goods.example", currency: .eur),
                by: BookkeepingTests.staff,
                on: db)
        }
        // Goods received without a purchase order stay "received, not billed"; the test shop's opening
        // stock is such a receipt.
        var unbilledReceipts: Int64 = 52 * (800 + 850 + 350)
        var purchases = Purchases()
        var givenAway: Int64 = 0
        for step in 0..<14 {
            switch dice.roll(7) {
            case 0, 1:
                let tees = dice.roll(3)
                let (cart, access) = try await CheckoutFlowTests.readyCart(
                    shop, tees: tees, mugs: tees == 0 ? 1 + dice.roll(2) : dice.roll(2), on: platform)
                // One sale in three spends a gift card, sold at the till or given away, worth 5.00 to 60.00.
                var codes: [String] = []
                if dice.roll(3) == 0 {
                    let reason: GiftCardIssueReason = dice.roll(2) == 0 ? .sold : .goodwill
                    let value = Money(minorUnits: Int64(500 + dice.roll(5_500)), currency: .eur)
                    if reason == .goodwill { givenAway += value.amount }
                    let issued = try await platform.database.inTransaction { db in
                        try await platform.giftCards.issue(
                            NewGiftCard(value: value, reason: reason), key: "card-\(seed)-\(step)",
                            by: BookkeepingTests.staff, on: db)
                    }
                    codes = [try #require(issued.code)]
                }
                let outcome = try await OrderPlacement.checkOut(
                    cart, access: access, key: "seed-\(seed)-\(step)", payment: .card(number: TestCard.approves),
                    giftCards: codes, on: platform)
                paid.append(outcome.order)
            case 2 where !paid.isEmpty, 3 where !paid.isEmpty:
                let order = paid[dice.roll(paid.count)]
                let stored = try await platform.database.read { db in try await platform.orders.order(order.id, on: db)
                }
                let left = stored.totals.grandTotal.amount - stored.refundedTotal.amount
                guard left > 1 else { continue }
                let amount = Int64(1 + dice.roll(Int(min(left - 1, 5_000))))
                _ = try await AfterSale.refund(
                    order.id, amount: Money(minorUnits: amount, currency: order.currency), reason: "Goodwill",
                    key: "refund-\(seed)-\(step)", by: BookkeepingTests.staff, on: platform)
                refunded += amount
                refunds += 1
            case 4 where !paid.isEmpty:
                let order = paid.remove(at: dice.roll(paid.count))
                let stored = try await platform.database.read { db in try await platform.orders.order(order.id, on: db)
                }
                let cancelled = try await AfterSale.cancel(
                    order.id, reason: "Changed my mind", by: BookkeepingTests.staff, on: platform)
                refunded += cancelled.refundedTotal.amount - stored.refundedTotal.amount
                refunds += 1
            case 5:
                // A delivery from a supplier at a new price moves the average cost.
                let sku = ["TEE-S", "TEE-M", "MUG"][dice.roll(3)]
                let cost = Money(minorUnits: Int64(200 + dice.roll(1_500)), currency: .eur)
                let quantity = 1 + dice.roll(9)
                if dice.roll(2) == 0 {
                    try await purchases.buy(
                        sku, quantity: quantity, cost: cost, from: supplier, into: shop.warehouse, dice: &dice,
                        on: platform)
                    break
                }
                unbilledReceipts += Int64(quantity) * cost.amount
                try await platform.database.inTransaction { db in
                    _ = try await inventory.receive(
                        StockReceipt(
                            locationID: shop.warehouse, lines: [StockLine(sku: sku, quantity: quantity, unitCost: cost)]
                        ),
                        by: BookkeepingTests.staff, on: db)
                }
            case 6:
                let sku = ["TEE-S", "TEE-M", "MUG"][dice.roll(3)]
                try await platform.database.inTransaction { db in
                    _ = try await inventory.adjust(
                        StockAdjustment(sku: sku, locationID: shop.warehouse, quantity: -1, reason: .writeOff),
                        by: BookkeepingTests.staff, on: db)
                }
            default:
                continue
            }
            env.clock.advance(by: 3_600)
        }
        try await BookkeepingTests.deliver(platform)

        let findings = try await InvariantAudit.run(on: platform)
        #expect(findings.isEmpty, "seed \(seed): \(findings)")
        let books = try await BookkeepingTests.balances(platform)
        #expect(books.values.reduce(0, +) == 0, "seed \(seed)")
        // Every purchase-order delivery was billed, so only the receipts without an order are unbilled;
        // payables are what the bills still have open; input VAT is what the bills charged.
        #expect(books[DefaultChart.goodsReceivedNotBilled] == -unbilledReceipts, "seed \(seed)")
        #expect(books[DefaultChart.accountsPayable, default: 0] == -purchases.open, "seed \(seed)")
        #expect(books[DefaultChart.vatReceivable, default: 0] == purchases.inputVAT, "seed \(seed)")
        #expect(
            books[DefaultChart.purchasePriceDifferences, default: 0] == purchases.priceDifferences, "seed \(seed)")
        let orders = try await platform.database.read { db in
            try await platform.orders.orders(matching: OrderQuery(), limit: 100, on: db)
        }
        #expect(!orders.isEmpty && !books.isEmpty && refunds > 0, "seed \(seed) sold and refunded")
        let charged = orders.filter { $0.paymentID != nil }.map(\.totals.tax.amount).reduce(0, +)
        let payable = -(books[DefaultChart.vatPayable] ?? 0)
        // Refunds give back the VAT they contained: between the lowest and highest rate's share, and
        // never more VAT than was charged.
        #expect(payable >= 0 && payable <= charged, "seed \(seed)")
        #expect(charged - payable <= refunded * 2_500 / 12_500 + 7, "seed \(seed)")
        #expect(charged - payable >= refunded * 1_200 / 11_200 - 7, "seed \(seed)")
        // The card processor saw only what the gift cards left to pay, and refunded only that.
        let payments = try await platform.database.read { db in
            var all: [Payment] = []
            for order in orders {
                all += try await platform.payments.payments(forReference: order.id.rawValue, on: db)
            }
            return all
        }
        let fees = payments.map { TestCardProvider.captureFee(on: $0.capturedAmount).amount }.reduce(0, +)
        #expect(books[DefaultChart.paymentFees] ?? 0 == fees, "seed \(seed)")
        let captured = payments.map(\.capturedAmount.amount).reduce(0, +)
        let cardRefunds = payments.map(\.refundedAmount.amount).reduce(0, +)
        #expect(books[DefaultChart.paymentClearing] ?? 0 == captured - cardRefunds - fees, "seed \(seed)")
        // The gift-card liability is exactly what the cards still hold; given-away cards are a cost.
        let owed = try await platform.database.read { db in try await platform.giftCards.outstanding(on: db) }
        #expect(books[DefaultChart.giftCardLiability, default: 0] == -(owed.first?.amount ?? 0), "seed \(seed)")
        #expect(books[DefaultChart.promotionalGiftCards, default: 0] == givenAway, "seed \(seed)")
        // An order refunded in full, in however many pieces, gives back exactly the VAT it charged.
        for order in orders where order.refundedTotal == order.totals.grandTotal {
            let net = try await platform.database.read { db in
                try await db.raw(
                    """
                    SELECT CAST(COALESCE(SUM(l.amount), 0) AS BIGINT) AS net FROM ledger_lines l
                    JOIN ledger_entries e ON e.id = l.entry_id
                    WHERE e.document_id = \(bind: order.id.rawValue) AND l.account_code = \(bind: DefaultChart.vatPayable)
                    """
                ).first(decodingColumn: "net", as: Int64.self)
            }
            #expect(net == 0, "seed \(seed): \(order.number) nets \(net ?? -1) VAT after a full refund")
        }
    }
}

/// What the random trade bought on purchase orders, to check the books against.
struct Purchases {
    var open: Int64 = 0
    var inputVAT: Int64 = 0
    var priceDifferences: Int64 = 0
    var count = 0

    /// Orders, receives and bills `quantity` of `sku`: billed up to 3 % above or below the agreed cost
    /// (outside the 1 % tolerance the bill is held, and approved over the difference), paid in full, in
    /// part or not yet.
    mutating func buy(
        _ sku: String, quantity: Int, cost: Money, from supplier: Supplier, into warehouse: StockLocationID,
        dice: inout BooksPropertyTests.Dice, on platform: Platform
    ) async throws {
        count += 1
        let staff = BookkeepingTests.staff
        let price = Money(minorUnits: cost.amount + cost.amount * Int64(dice.roll(7) - 3) / 100, currency: .eur)
        let paidShare = dice.roll(3)
        let number = count
        let bill = try await platform.database.inTransaction { db in
            let draft = try await platform.purchases.createOrder(
                PurchaseOrderDraft(
                    supplierID: supplier.id, destinationLocationID: warehouse.rawValue,
                    lines: [PurchaseOrderLineDraft(sku: sku, quantity: quantity, unitCost: cost)]), by: staff, on: db)
            let order = try await platform.purchasing.send(draft.id, by: staff, on: db)
            _ = try await platform.purchases.receive(
                GoodsReceiptRequest(
                    lines: [GoodsReceiptLineRequest(.sku(sku), quantity: quantity)],
                    locationID: warehouse.rawValue, receivedAt: platform.clock.now()), against: order.id, by: staff,
                on: db)
            let net = Int64(quantity) * price.amount
            var bill = try await platform.purchasing.recordBill(
                SupplierBillDraft(
                    supplierID: supplier.id, invoiceNumber: "R-\(number)", billDate: platform.clock.now(),
                    lines: [
                        SupplierBillLineDraft(orderLineID: order.lines[0].id, quantity: quantity, unitPrice: price)
                    ],
                    tax: Money(minorUnits: net / 4, currency: .eur), taxRate: 2_500,
                    total: Money(minorUnits: net + net / 4, currency: .eur)), by: staff, on: db)
            if bill.approval == .onHold {
                bill = try await platform.purchasing.approve(
                    bill.id, overriding: "Price agreed by phone", by: staff, on: db)
            }
            return bill
        }
        let paid = bill.total.amount * Int64(paidShare) / 2
        if paid > 0 {
            _ = try await platform.database.inTransaction { db in
                try await platform.purchasing.recordPayment(
                    bill.id, amount: Money(minorUnits: paid, currency: .eur), paidAt: platform.clock.now(),
                    reference: "PAY-\(number)", by: staff, on: db)
            }
        }
        open += bill.total.amount - paid
        inputVAT += bill.tax.amount
        priceDifferences += Int64(quantity) * (price.amount - cost.amount)
    }
}
