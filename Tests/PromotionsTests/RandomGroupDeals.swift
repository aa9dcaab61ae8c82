import Foundation
import Promotions
import TorvCore

/// Random valid group deals and random lives for them: joins, leaves, time passing, settlement steps taken in
/// part (a crash after any action) and captures the gateway accepts or declines.
enum RandomGroupDeals {
    static func deal(seed: Int) -> GroupDeal {
        var random = SeededRandom(seed: seed)
        let minimum = random.int(in: 2...5)
        let maximum = random.bool() ? minimum + random.int(in: 0...4) : nil
        let regular = Int64(random.int(in: 1_000...10_000))
        var price = regular - Int64(random.int(in: 0...Int(regular / 2)))
        var tiers = [GroupDealTier(fromParticipants: random.int(in: 1...minimum), unitPrice: eur(price))]
        var from = minimum
        for _ in 0..<random.int(in: 0...2) {
            from += random.int(in: 1...2)
            price -= Int64(random.int(in: 1...200))
            if let maximum, from > maximum { break }
            tiers.append(GroupDealTier(fromParticipants: from, unitPrice: eur(price)))
        }
        let new = NewGroupDeal(
            title: "Deal \(seed)", productID: "prod_1", variantID: "var_1", sku: "SKU-1", regularPrice: eur(regular),
            tiers: tiers, minParticipants: minimum, maxParticipants: maximum,
            maxQuantityPerParticipant: random.int(in: 1...3), opensAt: GroupDealFixture.opensAt,
            deadline: GroupDealFixture.deadline, voucherValidDays: random.int(in: 1...90))
        return GroupDeal(id: GroupDealFixture.dealID, new, createdAt: GroupDealFixture.created)
    }
}

/// One deal's life as the store and the settlement job would record it, with every rule the simulation
/// relies on checked as it goes (``issues``).
struct GroupDealRun {
    var deal: GroupDeal
    var participants: [GroupDealParticipant] = []
    var vouchers: [GroupDealVoucher] = []
    var now = GroupDealFixture.opensAt.addingTimeInterval(-6 * 3_600)
    /// Every action performed, in order, with whether a capture was accepted.
    var performed: [(action: GroupDealAction, accepted: Bool)] = []
    var finalPrices: Set<Money> = []
    var issues: [String] = []
    var random: SeededRandom

    init(deal: GroupDeal, seed: Int) {
        self.deal = deal
        self.random = SeededRandom(seed: seed)
    }

    /// Joins, leaves, the clock and settlement steps in random order, then settlement to the end.
    mutating func live(steps: Int) {
        for _ in 0..<steps {
            now = now.addingTimeInterval(Double(random.int(in: 0...90)) * 60)
            switch random.int(in: 0...9) {
            case 0...4: join()
            case 5...6: leave()
            case 7: now = now.addingTimeInterval(Double(random.int(in: 0...12)) * 3_600)
            default: settle(steps: 1)
            }
        }
        if now < deal.deadline { now = deal.deadline.addingTimeInterval(Double(random.int(in: 0...3_600))) }
        settle(steps: 200)
    }

    mutating func join() {
        let customer = "cus_\(random.int(in: 0...9))"
        let quantity = random.int(in: 0...(deal.maxQuantityPerParticipant + 1))
        let request = GroupDealJoinRequest(customerID: customer, quantity: quantity)
        do {
            let admission = try GroupDealJoin.check(join: request, to: deal, participants: participants, at: now)
            if now >= deal.deadline || now < deal.opensAt || !performed.isEmpty || deal.status != .open {
                issues.append("a join was admitted at \(now) outside the open deal")
            }
            if admission.tips { deal.tippedAt = now }
            participants.append(
                GroupDealParticipant(
                    id: GroupDealFixture.id(participants.count + 1), dealID: deal.id, customerID: customer,
                    displayName: "C. \(customer.suffix(1)).", quantity: quantity, unitPrice: admission.unitPrice,
                    authorisedAmount: admission.amountToAuthorise, paymentID: "pay_\(participants.count + 1)",
                    joinedAt: now))
        } catch {
            if error == .groupDealFull && !deal.isFull(participants: participants.countIn) {
                issues.append("refused as full while not full")
            }
            if now >= deal.deadline && ![.groupDealClosed, .groupDealSettled].contains(error) {
                issues.append("a join after the deadline was refused as \(error.code), not closed")
            }
        }
    }

    mutating func leave() {
        guard !participants.isEmpty else { return }
        let index = random.int(in: 0...(participants.count - 1))
        do {
            try GroupDealJoin.check(leave: participants[index].id, from: deal, participants: participants, at: now)
            if !performed.isEmpty || deal.tippedAt != nil && participants.countIn >= deal.minParticipants {
                issues.append("a leave was allowed after settlement began or after tipping")
            }
            participants[index].state = .left
            participants[index].leftAt = now
        } catch {}
    }

    /// Asks for a plan, performs a random prefix of it (a crash after each action), and repeats `steps` times.
    mutating func settle(steps: Int) {
        for _ in 0..<steps {
            let plan: GroupDealPlan
            do {
                plan = try GroupDealSettlement.plan(deal, participants: participants, vouchers: vouchers, at: now)
            } catch {
                issues.append("planning threw \(error)")
                return
            }
            if let price = plan.finalUnitPrice { finalPrices.insert(price) }
            guard !plan.actions.isEmpty else { return }
            for action in plan.actions.prefix(random.int(in: 1...plan.actions.count)) {
                perform(action)
            }
        }
    }

    mutating func perform(_ action: GroupDealAction) {
        func index(_ id: GroupDealParticipantID) -> Int {
            participants.firstIndex { $0.id == id }!
        }
        var accepted = true
        switch action {
        case .capture(let id, let amount):
            let at = index(id)
            if participants[at].state != .joined { issues.append("captured \(participants[at].state)") }
            accepted = random.int(in: 0...5) > 0
            participants[at].state = accepted ? .captured : .captureFailed
            participants[at].capturedAmount = accepted ? amount : nil
        case .void(let id):
            let at = index(id)
            if ![.joined, .captureFailed].contains(participants[at].state) {
                issues.append("voided \(participants[at].state)")
            }
            participants[at].state = .voided
        case .refund(let id, let amount):
            let at = index(id)
            if participants[at].state != .captured || participants[at].capturedAmount != amount {
                issues.append("refunded \(amount) to \(participants[at].state)")
            }
            participants[at].state = .refunded
        case .issueVoucher(let id):
            let code = GroupDealVoucherCode.generate(using: &random)
            vouchers.append(
                GroupDealVoucher(
                    code: code, dealID: deal.id, participantID: id, issuedAt: now,
                    expiresAt: deal.voucherExpiry(issuedAt: now)))
        case .markSucceeded, .markFailed:
            if deal.status != .open { issues.append("marked a settled deal") }
            deal.status = action == .markSucceeded ? .succeeded : .failed
            deal.settledAt = now
        }
        performed.append((action, accepted))
    }
}

extension GroupDealAction {
    /// The participant an action is for, `nil` for the deal's marks.
    var participantID: GroupDealParticipantID? {
        switch self {
        case .capture(let id, _), .void(let id), .refund(let id, _), .issueVoucher(let id): id
        case .markSucceeded, .markFailed: nil
        }
    }

    /// The action without its amount, so "planned twice" does not depend on the amount.
    var kind: String {
        switch self {
        case .capture: "capture"
        case .void: "void"
        case .refund: "refund"
        case .issueVoucher: "voucher"
        case .markSucceeded: "succeeded"
        case .markFailed: "failed"
        }
    }
}
