public import Foundation
public import Payments
public import Persistence
public import Promotions
import SQLKit
public import TorvCore

/// Settling a deal that is due: the planner (``GroupDealSettlement``) says what is left to do, and each
/// payment step follows the three steps of every card payment: one transaction claims the step on the seat
/// (a guarded update, so of two runs only one takes it) and starts the payment call; the provider is asked
/// outside any transaction; a second transaction records the answer and moves the seat. The planner is then
/// asked again. A run that stopped anywhere leaves either nothing, or a claimed step with its attempt, which
/// the next run performs again under the attempt's own idempotency key once the claim is
/// ``abandonedAfter`` old, so no step is taken twice and none is lost.
extension GroupDeals {
    /// How long a claimed step (or a join whose card has not answered) may wait before another run finishes it.
    public static let abandonedAfter: TimeInterval = 120

    /// One step a run took, and the provider call it still has to make (`nil` when it was done in full).
    public struct SettlementStep: Sendable {
        public var participantID: GroupDealParticipantID?
        public var step: GroupDealPaymentStep?
        public var attempt: PaymentAttempt?
    }

    /// What a run left behind.
    public struct SettlementRun: Sendable, Hashable {
        public var status: GroupDealStatus
        /// Steps this run took.
        public var steps: Int
    }

    /// Settles `id` as far as it can now, until the deal is settled, nothing is due, or what is left waits on
    /// another run or on a provider (`maxSteps` bounds a run). Each pass performs the steps of one plan in
    /// order, then asks the planner again; a step refused or left unanswered is not tried again in the same run.
    @discardableResult
    public static func settle(
        _ id: GroupDealID, maxSteps: Int = 100_000, on platform: Platform
    ) async throws -> SettlementRun {
        var steps = 0
        var tried: Set<String> = []
        while steps < maxSteps {
            let taken = try await pass(id, budget: maxSteps - steps, tried: &tried, finishing: true, on: platform)
            guard !taken.isEmpty else { break }
            steps += taken.count
        }
        let deal = try await platform.database.read { db in try await platform.promotions.groupDeal(id, on: db) }
        return SettlementRun(status: deal.status, steps: steps)
    }

    /// Settles every deal that is due; one deal's failure does not hold up the others (the first is rethrown
    /// once all were tried). Returns how many deals ended settled.
    @discardableResult
    public static func settleDue(on platform: Platform) async throws -> Int {
        let now = platform.clock.now()
        let due = try await platform.database.read { db in
            try await platform.promotions.groupDealsToSettle(at: now, on: db)
        }
        var settled = 0
        var firstFailure: (any Error)?
        for id in due {
            do {
                if try await settle(id, on: platform).status != .open { settled += 1 }
            } catch {
                firstFailure = firstFailure ?? error
            }
        }
        if let firstFailure { throw firstFailure }
        return settled
    }

    /// Takes the next step of settling `id`, or `nil` when there is none to take now. A payment step comes
    /// back with its attempt started and claimed; ``finish(_:on:)`` makes the provider call and records it.
    public static func startNextStep(_ id: GroupDealID, on platform: Platform) async throws -> SettlementStep? {
        var tried: Set<String> = []
        return try await pass(id, budget: 1, tried: &tried, finishing: false, on: platform).first
    }

    /// Up to `budget` steps of the current plan (or one step a stopped run left behind), in order; payment
    /// steps are finished too when `finishing`. `tried` holds the steps this run took, which it does not take
    /// again.
    static func pass(
        _ id: GroupDealID, budget: Int, tried: inout Set<String>, finishing: Bool, on platform: Platform
    ) async throws -> [SettlementStep] {
        let now = platform.clock.now()
        let snapshot = try await platform.database.read { db in
            try await platform.promotions.groupDealSnapshot(id, on: db)
        }
        let stale = now.addingTimeInterval(-abandonedAfter)
        // Steps and joins a stopped run left behind come first: the plan depends on their outcome.
        for seat in snapshot.seats {
            let taken: SettlementStep
            if let step = seat.step, let claimed = seat.stepClaimedAt, claimed <= stale,
                tried.insert("\(seat.participant.id):\(step.rawValue)").inserted
            {
                taken = try await resume(step, of: seat, on: platform)
            } else if seat.status == .authorising, seat.participant.joinedAt <= stale,
                tried.insert("\(seat.participant.id):authorisation").inserted
            {
                taken = try await resolveAuthorisation(of: seat, on: platform)
            } else {
                continue
            }
            if finishing { try await finish(taken, on: platform) }
            return [taken]
        }
        // A join still waiting for its card decides how many are in: wait for it.
        guard !snapshot.seats.contains(where: { $0.status == .authorising }) else { return [] }
        let plan = try GroupDealSettlement.plan(
            snapshot.deal, participants: snapshot.participants, vouchers: snapshot.vouchers, at: now)
        let seats = Dictionary(uniqueKeysWithValues: snapshot.seats.map { ($0.participant.id, $0) })
        var taken: [SettlementStep] = []
        var blocked = false
        for action in plan.actions where taken.count < budget {
            let payment: (GroupDealPaymentStep, GroupDealParticipantID, Money?)
            switch action {
            case .capture(let participant, let amount): payment = (.capture, participant, amount)
            case .void(let participant): payment = (.void, participant, nil)
            case .refund(let participant, let amount): payment = (.refund, participant, amount)
            case .issueVoucher(let participant):
                try await platform.database.inTransaction { db in
                    _ = try await platform.promotions.issueGroupDealVoucher(to: participant, of: snapshot.deal, on: db)
                }
                taken.append(SettlementStep(participantID: participant, step: nil, attempt: nil))
                continue
            case .markSucceeded, .markFailed:
                // Stamped only by a pass that found every step before it recorded, by whichever run.
                guard !blocked, !taken.contains(where: { $0.step != nil }) else { continue }
                try await platform.database.inTransaction { db in
                    _ = try await platform.promotions.markGroupDeal(
                        id, as: action == .markSucceeded ? .succeeded : .failed, on: db)
                }
                taken.append(SettlementStep(participantID: nil, step: nil, attempt: nil))
                continue
            }
            guard let seat = seats[payment.1], seat.step == nil,
                tried.insert("\(payment.1):\(payment.0.rawValue)").inserted,
                let started = try await start(payment.0, on: seat, amount: payment.2, on: platform)
            else {
                blocked = true
                continue
            }
            if finishing { try await finish(started, on: platform) }
            taken.append(started)
        }
        return taken
    }

    /// Makes the provider call of a started step and records its answer with the seat's move.
    public static func finish(_ step: SettlementStep, on platform: Platform) async throws {
        guard let attempt = step.attempt, let kind = step.step, let participant = step.participantID else { return }
        let outcome = await platform.payments.perform(attempt)
        try await platform.database.inTransaction { db in
            let payment = try await platform.payments.record(outcome, of: attempt, on: db)
            try await conclude(kind, of: participant, payment: payment, amount: attempt.amount, on: platform, db: db)
        }
    }

    /// Claims the step and starts its payment call in one transaction; `nil` when another run holds the seat.
    static func start(
        _ kind: GroupDealPaymentStep, on seat: GroupDealSeat, amount: Money?, on platform: Platform
    ) async throws -> SettlementStep? {
        let participant = seat.participant.id
        let from: [GroupDealSeatStatus] =
            switch kind {
            case .capture: [.joined]
            case .void: [.joined, .captureFailed]
            case .refund: [.captured]
            }
        return try await platform.database.inTransaction { db -> SettlementStep? in
            guard try await platform.promotions.claimGroupDealStep(kind, on: participant, from: from, on: db) else {
                return nil
            }
            guard let paymentID = PaymentID(seat.participant.paymentID) else {
                throw PersistenceError.corruptRow(table: "promotion_group_deal_participants", detail: "bad payment ID")
            }
            let payment = try await platform.payments.payment(paymentID, on: db)
            let done = SettlementStep(participantID: participant, step: kind, attempt: nil)
            let attempt: PaymentAttempt
            do {
                switch kind {
                case .capture:
                    attempt = try await platform.payments.startCapture(paymentID, amount: amount, on: db)
                case .void:
                    // Nothing is held any more (voided or never authorised): the void is done already.
                    guard payment.status != .voided, payment.status != .failed else {
                        try await platform.promotions.finishGroupDealStep(kind, on: participant, to: .voided, on: db)
                        return done
                    }
                    attempt = try await platform.payments.startVoid(paymentID, on: db)
                case .refund:
                    let refund = amount ?? payment.capturedAmount
                    attempt = try await platform.payments.startRefund(
                        paymentID, amount: refund, reason: "The group deal did not go ahead",
                        key: "group_deal:\(participant.rawValue)", on: db)
                }
            } catch PaymentError.operationInProgress {
                // Another call on this payment is unanswered: leave the step for a later run.
                try await platform.promotions.releaseGroupDealStep(kind, on: participant, on: db)
                return nil
            } catch is PaymentError where kind == .capture {
                // The authorisation is no longer there to capture (voided, lapsed): the capture failed, and
                // is never retried (``GroupDealParticipantState/captureFailed``).
                try await platform.promotions.finishGroupDealStep(kind, on: participant, to: .captureFailed, on: db)
                return done
            }
            try await platform.promotions.attachGroupDealStepAttempt(attempt.id.rawValue, to: participant, on: db)
            return SettlementStep(participantID: participant, step: kind, attempt: attempt)
        }
    }

    /// Moves the seat by what its payment now says: done, refused (the planner asks for the step again), or
    /// not known yet (the claim stays for a later run).
    static func conclude(
        _ kind: GroupDealPaymentStep, of participant: GroupDealParticipantID, payment: Payment, amount: Money,
        on platform: Platform, db: any SQLDatabase
    ) async throws {
        let promotions = platform.promotions
        guard payment.status != .unknown, !payment.refundingAmount.isPositive else { return }
        switch kind {
        case .capture:
            switch payment.status {
            case .captured, .partiallyRefunded, .refunded:
                try await promotions.finishGroupDealStep(
                    kind, on: participant, to: .captured, capturedAmount: payment.capturedAmount, on: db)
            default:
                try await promotions.finishGroupDealStep(kind, on: participant, to: .captureFailed, on: db)
            }
        case .void:
            if payment.status == .voided || payment.status == .failed {
                try await promotions.finishGroupDealStep(kind, on: participant, to: .voided, on: db)
            } else {
                try await promotions.releaseGroupDealStep(kind, on: participant, on: db)
            }
        case .refund:
            if payment.refundedAmount.amount >= amount.amount {
                try await promotions.finishGroupDealStep(kind, on: participant, to: .refunded, on: db)
            } else {
                try await promotions.releaseGroupDealStep(kind, on: participant, on: db)
            }
        }
    }

    /// A step a stopped run left claimed: its attempt, still unsent as far as we know, is performed again
    /// under its own idempotency key (the provider answers a repeat with the first answer); an unknown
    /// outcome is looked up; a recorded one is applied to the seat.
    static func resume(
        _ kind: GroupDealPaymentStep, of seat: GroupDealSeat, on platform: Platform
    ) async throws -> SettlementStep {
        let participant = seat.participant.id
        guard let paymentID = PaymentID(seat.participant.paymentID) else {
            throw PersistenceError.corruptRow(table: "promotion_group_deal_participants", detail: "bad payment ID")
        }
        let records = try await platform.database.read { db in
            try await platform.payments.attempts(of: paymentID, on: db)
        }
        let record = records.first { $0.attempt.id.rawValue == seat.stepAttemptID }
        switch record?.status {
        case .pending?, .requiresAction?:
            return SettlementStep(participantID: participant, step: kind, attempt: record?.attempt)
        case .unknown?:
            _ = try await platform.payments.reconcile(paymentID, in: platform.database)
        case .succeeded?, .failed?, nil:
            break
        }
        try await platform.database.inTransaction { db in
            let payment = try await platform.payments.payment(paymentID, on: db)
            if let record {
                try await conclude(
                    kind, of: participant, payment: payment, amount: record.attempt.amount, on: platform, db: db)
            } else {
                // Claimed, but its payment call never started: nothing happened, so the step is free again.
                try await platform.promotions.releaseGroupDealStep(kind, on: participant, on: db)
            }
        }
        return SettlementStep(participantID: participant, step: kind, attempt: nil)
    }

    /// A join whose card never answered (the process stopped between its steps): the payment is looked up and
    /// the seat confirmed or given back.
    static func resolveAuthorisation(of seat: GroupDealSeat, on platform: Platform) async throws -> SettlementStep {
        let participant = seat.participant.id
        guard let paymentID = PaymentID(seat.participant.paymentID) else {
            throw PersistenceError.corruptRow(table: "promotion_group_deal_participants", detail: "bad payment ID")
        }
        let payment = try await platform.payments.reconcile(paymentID, in: platform.database)
        _ = try await platform.database.inTransaction { db in
            try await conclude(participant, authorisation: payment, on: platform, db: db)
        }
        return SettlementStep(participantID: participant, step: nil, attempt: nil)
    }
}

extension GroupDeals {
    /// Deals whose seats, outcome or vouchers disagree (``Promotions/groupDealViolations(on:)``).
    static func violations(on platform: Platform, db: any SQLDatabase) async throws -> [String] {
        try await platform.promotions.groupDealViolations(on: db)
    }
}
