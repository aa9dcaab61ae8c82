import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Returns")
struct ReturnTests {
    @Test("a return goes requested → approved → received → inspected → refunded", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            await #expect(throws: OrdersError.invalidOrderTransition(from: .paid, to: .partiallyReturned)) {
                try await platform.write { orders, db in
                    try await orders.requestReturn(
                        order.id, lines: [(order.lines[0].id, 1, "Too small")], by: .customer("cus_ada"), on: db)
                }
            }
            _ = try await platform.shipEverything(order)
            let shirt = order.lines[0].id
            let requested = try await platform.write { orders, db in
                try await orders.requestReturn(
                    order.id, lines: [(shirt, 2, "Too small")], by: .customer("cus_ada"), on: db)
            }
            #expect(requested.number == "R-100001")
            #expect(requested.status == .requested)
            await #expect(throws: OrdersError.returnNotApproved) {
                try await platform.read { orders, db in
                    try await orders.refundDue(for: requested.id, includeShipping: false, on: db)
                }
            }
            // Only one shirt is left to return.
            await #expect(throws: OrdersError.quantityUnavailable(line: 0, remaining: 1)) {
                try await platform.write { orders, db in
                    try await orders.requestReturn(
                        order.id, lines: [(shirt, 2, "Wrong colour")], by: .staff(.clerk), on: db)
                }
            }
            let approved = try await platform.write { orders, db in
                try await orders.approveReturn(requested.id, by: .clerk, on: db)
            }
            // 29.00 over 3 shirts is 9.67 + 9.67 + 9.66: the first two units are worth 19.34.
            #expect(approved.lines.map(\.refund) == [.eur(1934)])
            #expect(approved.lines.map(\.unitOffset) == [0])
            await #expect(throws: OrdersError.invalidReturnTransition(from: .approved, to: .refunded)) {
                try await platform.write { orders, db in
                    try await orders.markReturnRefunded(
                        requested.id, amount: .eur(100), paymentRefundID: "re_0", on: db)
                }
            }
            _ = try await platform.write { orders, db in
                try await orders.receiveReturn(requested.id, by: .clerk, on: db)
            }
            #expect(
                try await platform.read { orders, db in try await orders.order(order.id, on: db) }.status
                    == .partiallyReturned)
            await #expect(throws: ValidationError.self) {
                try await platform.write { orders, db in
                    try await orders.inspectReturn(requested.id, outcomes: [:], by: .clerk, on: db)
                }
            }
            let inspected = try await platform.write { orders, db in
                try await orders.inspectReturn(requested.id, outcomes: [shirt: .restock], by: .clerk, on: db)
            }
            #expect(
                inspected.restock == [RestockLine(lineID: shirt, sku: "SHIRT-M", variantID: "var_shirt", quantity: 2)])
            #expect(inspected.writtenOff == [])

            let due = try await platform.read { orders, db in
                try await orders.refundDue(for: requested.id, includeShipping: true, on: db)
            }
            #expect(due == .eur(1934 + 490))
            await #expect(throws: OrdersError.refundExceedsDue(due: .eur(2424))) {
                try await platform.write { orders, db in
                    try await orders.markReturnRefunded(
                        requested.id, amount: .eur(2425), paymentRefundID: "re_1", on: db)
                }
            }
            let refunded = try await platform.write { orders, db in
                try await orders.markReturnRefunded(requested.id, amount: .eur(2424), paymentRefundID: "re_1", on: db)
            }
            #expect(refunded.status == .refunded)
            #expect(refunded.refundedAmount == .eur(2424))
            // Recording the same refund again (a retried flow) changes nothing.
            let again = try await platform.write { orders, db in
                try await orders.markReturnRefunded(requested.id, amount: .eur(2424), paymentRefundID: "re_1", on: db)
            }
            #expect(again == refunded)
            let final = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(final.refundedTotal == .eur(2424))
            #expect(
                try await platform.eventTypes().filter { $0.hasPrefix("return.") } == [
                    "return.requested", "return.approved", "return.received", "return.inspected", "return.refunded",
                ])
            let timeline = try await platform.read { orders, db in try await orders.timeline(order.id, on: db) }
            #expect(
                timeline.map(\.kind).suffix(6) == [
                    "return.requested", "return.approved", "order.partially_returned", "return.received",
                    "return.inspected", "return.refunded",
                ])
        }
    }

    @Test(
        "returning every unit in several returns refunds exactly the grand total, and no more",
        arguments: TestBackend.allCases)
    func partialRefundsNeverExceed(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            _ = try await platform.shipEverything(order)
            let shirt = order.lines[0].id
            let cap = order.lines[1].id
            let batches: [[(lineID: OrderLineID, quantity: Int, reason: String)]] = [
                [(shirt, 1, "Too small")], [(shirt, 1, "Too big"), (cap, 1, "Not needed")], [(shirt, 1, "Faulty")],
            ]
            var refunds: [Money] = []
            for (index, lines) in batches.enumerated() {
                let refunded = try await platform.write { orders, db in
                    let requested = try await orders.requestReturn(
                        order.id, lines: lines, by: .customer("cus_ada"), on: db)
                    _ = try await orders.approveReturn(requested.id, by: .clerk, on: db)
                    _ = try await orders.receiveReturn(requested.id, by: .clerk, on: db)
                    let due = try await orders.refundDue(for: requested.id, includeShipping: true, on: db)
                    return try await orders.markReturnRefunded(
                        requested.id, amount: due, paymentRefundID: "re_\(index)", on: db)
                }
                refunds.append(try #require(refunded.refundedAmount))
            }
            // Shipping goes back with the first refund only; the shirts' 29.00 splits 9.67 + 9.67 + 9.66.
            let expected: [Money] = [.eur(1457), .eur(3467), .eur(966)]
            #expect(refunds == expected)
            let final = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(final.refundedTotal == final.totals.grandTotal)
            #expect(final.status == .returned)
            // Nothing is left to return, and the database refuses any refund beyond the total.
            await #expect(throws: OrdersError.invalidOrderTransition(from: .returned, to: .partiallyReturned)) {
                try await platform.write { orders, db in
                    try await orders.requestReturn(
                        order.id, lines: [(cap, 1, "Again")], by: .customer("cus_ada"), on: db)
                }
            }
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw("UPDATE orders SET refunded_total = grand_total + 1").run()
                }
            }
        }
    }

    @Test(
        "a rejected return frees its units; another customer cannot return the order", arguments: TestBackend.allCases)
    func rejectionAndAccess(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            _ = try await platform.shipEverything(order)
            let cap = order.lines[1].id
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.write { orders, db in
                    try await orders.requestReturn(
                        order.id, lines: [(cap, 1, "Mine now")], by: .customer("cus_eve"), on: db)
                }
            }
            let requested = try await platform.write { orders, db in
                try await orders.requestReturn(order.id, lines: [(cap, 1, "Worn")], by: .customer("cus_ada"), on: db)
            }
            let rejected = try await platform.write { orders, db in
                try await orders.rejectReturn(requested.id, reason: "Worn items are not returnable", by: .clerk, on: db)
            }
            #expect(rejected.status == .rejected)
            #expect(rejected.rejectionReason == "Worn items are not returnable")
            await #expect(throws: OrdersError.invalidReturnTransition(from: .rejected, to: .approved)) {
                try await platform.write { orders, db in
                    try await orders.approveReturn(requested.id, by: .clerk, on: db)
                }
            }
            // The cap can be requested again.
            let second = try await platform.write { orders, db in
                try await orders.requestReturn(order.id, lines: [(cap, 1, "Damaged")], by: .staff(.clerk), on: db)
            }
            #expect(second.number == "R-100002")
            #expect(try await platform.read { orders, db in try await orders.returns(of: order.id, on: db) }.count == 2)
        }
    }

    @Test(
        "16 concurrent one-unit return requests of 3 shipped shirts: exactly 3 succeed", arguments: TestBackend.allCases
    )
    func concurrentRequests(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            _ = try await platform.shipEverything(order)
            let shirt = order.lines[0].id
            let numbers = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        do {
                            return try await platform.write { orders, db in
                                try await orders.requestReturn(
                                    order.id, lines: [(shirt, 1, "Too small")], by: .customer("cus_ada"), on: db)
                            }.number
                        } catch OrdersError.quantityUnavailable {
                            return nil
                        }
                    }
                }
                return try await group.reduce(into: []) { (all: inout [String], next) in
                    if let next { all.append(next) }
                }
            }
            #expect(numbers.count == 3)
            #expect(Set(numbers).count == 3)
            let line = try await platform.read { orders, db in try await orders.order(order.id, on: db) }.lines[0]
            #expect(line.returnRequestedQuantity == 3)
        }
    }

    @Test("8 concurrent refunds of one return: exactly one is recorded", arguments: TestBackend.allCases)
    func concurrentRefunds(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            _ = try await platform.shipEverything(order)
            let received = try await platform.write { orders, db in
                let requested = try await orders.requestReturn(
                    order.id, lines: [(order.lines[1].id, 1, "Not needed")], by: .customer("cus_ada"), on: db)
                _ = try await orders.approveReturn(requested.id, by: .clerk, on: db)
                return try await orders.receiveReturn(requested.id, by: .clerk, on: db)
            }
            let recorded = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await platform.write { orders, db in
                                try await orders.markReturnRefunded(
                                    received.id, amount: .eur(2500), paymentRefundID: "re_\(index)", on: db)
                            }
                            return true
                        } catch OrdersError.invalidReturnTransition(from: .refunded, to: .refunded) {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(recorded == 1)
            let final = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(final.refundedTotal == .eur(2500))
            #expect(try await platform.eventTypes().filter { $0 == "return.refunded" }.count == 1)
        }
    }

    @Test("an exchange is a return plus a new order that links back to it, once", arguments: TestBackend.allCases)
    func exchange(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            _ = try await platform.shipEverything(order)
            let requested = try await platform.write { orders, db in
                try await orders.requestReturn(
                    order.id, lines: [(order.lines[0].id, 1, "Size swap")], by: .customer("cus_ada"), on: db)
            }
            var draft = OrderDraft.fixture(key: "chk_exchange")
            draft.exchangeForReturnID = requested.id
            let replacement = try await platform.place(draft).order
            #expect(replacement.exchangeForReturnID == requested.id)
            let linked = try await platform.read { orders, db in try await orders.orderReturn(requested.id, on: db) }
            #expect(linked.exchangeOrderID == replacement.id)
            var second = OrderDraft.fixture(key: "chk_exchange_2")
            second.exchangeForReturnID = requested.id
            await #expect(throws: OrdersError.exchangeAlreadyLinked) { try await platform.place(second) }
        }
    }
}
