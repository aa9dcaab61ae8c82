import Foundation
import Purchasing
import Testing
import TorvCore

@Suite("Purchasing rules")
struct PurchasingRulesTests {
    static func entry(_ supplier: SupplierID, cost: Int64, lead: Int) -> SupplierPrice {
        SupplierPrice(
            supplierID: supplier, sku: "SHIRT", unitCost: .eur(cost), minimumOrderQuantity: 1, leadTimeDays: lead,
            updatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("the best source is the cheapest, then the fastest, then a stable pick")
    func bestSource() {
        let (a, b, c) = (SupplierID.generate(), SupplierID.generate(), SupplierID.generate())
        #expect(SourceChoice.best(among: []) == nil)
        #expect(
            SourceChoice.best(among: [Self.entry(a, cost: 900, lead: 3), Self.entry(b, cost: 800, lead: 30)])?
                .supplierID == b)
        #expect(
            SourceChoice.best(among: [Self.entry(a, cost: 800, lead: 14), Self.entry(b, cost: 800, lead: 5)])?
                .supplierID == b)
        let tied = [Self.entry(c, cost: 800, lead: 5), Self.entry(a, cost: 800, lead: 5)]
        #expect(SourceChoice.best(among: tied) == SourceChoice.best(among: tied.reversed()))
    }

    @Test("the expected date is the sent date plus the longest lead time, unless staff set one")
    func expectedDelivery() {
        let sent = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(ExpectedDelivery.date(sentAt: sent, leadTimes: [3, 14, 7], override: nil) == sent + 14 * 86_400)
        #expect(ExpectedDelivery.date(sentAt: sent, leadTimes: [], override: nil) == sent)
        #expect(ExpectedDelivery.date(sentAt: sent, leadTimes: [3], override: sent + 60) == sent + 60)
    }

    @Test("each action starts only from its states")
    func transitions() {
        let table: [(PurchaseOrderAction, Set<PurchaseOrderStatus>)] = [
            (.edit, [.draft]), (.send, [.draft]), (.receive, [.sent, .partiallyReceived]),
            (.returnGoods, [.partiallyReceived, .received, .billed]), (.bill, [.received]),
            (.close, [.partiallyReceived, .received, .billed]), (.cancel, [.draft, .sent]),
        ]
        for (action, sources) in table {
            #expect(Set(PurchaseOrderStatus.sources(of: action)) == sources, "\(action)")
        }
        // Nothing leaves the final states.
        for action in PurchaseOrderAction.allCases {
            #expect(!PurchaseOrderStatus.sources(of: action).contains(.closed))
            #expect(!PurchaseOrderStatus.sources(of: action).contains(.cancelled))
        }
        #expect(PurchaseOrderStatus.billed.closingNeedsReason == false)
        #expect(PurchaseOrderStatus.partiallyReceived.closingNeedsReason)
    }

    @Test("error codes are stable and field problems are invalid input")
    func errorCodes() {
        #expect(PurchasingError.overReceipt(open: 2).code == "over_receipt")
        #expect(PurchasingError.overReceipt(open: 2).kind == .invalid)
        #expect(PurchasingError.invalidTransition(from: .closed, action: .receive).kind == .conflict)
        #expect(PurchasingError.orderNotFound.kind == .notFound)
        #expect(PurchasingError.paymentExceedsOpenAmount(open: .eur(5)).message == "The bill has only 0.05 EUR open.")
    }
}
