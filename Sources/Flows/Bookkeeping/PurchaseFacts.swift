public import Purchasing
import TorvCore

/// What supplier bills and payments give the books.
public enum PurchaseFacts {
    /// An approved bill: billed units at their receipt cost clear goods received not billed; the rest
    /// of the net is the price difference (all of it for lines billed without a receipt, which only an
    /// approval over the three-way match lets through); the VAT at the bill's rate; the total owed.
    public static func bill(_ bill: SupplierBillApproved) -> PostingFacts {
        var facts = PostingFacts(currency: bill.currency)
        let cost = bill.lines.reduce(Int64(0)) { sum, line in
            sum + Int64(line.quantity) * (line.receivedUnitCost?.amount ?? 0)
        }
        facts.add(.cost, cost)
        facts.add(.priceDifference, bill.net.amount - cost)
        facts.add(.purchaseVAT, bill.tax.amount, vatRate: bill.taxRate)
        facts.add(.gross, bill.total.amount)
        return facts
    }

    /// A payment to a supplier.
    public static func payment(_ paid: SupplierBillPaid) -> PostingFacts {
        var facts = PostingFacts(currency: paid.amount.currency)
        facts.add(.gross, paid.amount.amount)
        return facts
    }
}
