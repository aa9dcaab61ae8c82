import Foundation

/// Who moves a seller from one status to another.
public enum SellerActorRole: Sendable, Hashable {
    /// The marketplace operator's staff.
    case `operator`
    /// The seller's own owner.
    case seller
}

/// The seller lifecycle, as a table: which move is allowed, for whom, and whether it needs a reason.
///
/// ```
/// applied ──accept──▶ onboarding ──submit──▶ under_review ──approve──▶ approved ⇄ suspended
///    │                    ▲                      │                        │           │
///    └──reject──▶ closed  └────send back─────────┘          closed ◀──────┴───────────┘
/// ```
/// A seller submits their own onboarding and may close their own account; everything else is the
/// operator's. Sending back, rejecting, suspending and closing by the operator need a reason, because
/// the seller is told why.
public enum SellerLifecycle {
    public enum Refusal: Sendable, Hashable {
        case notAllowed
        case reasonRequired
    }

    public static func check(
        from: SellerStatus, to: SellerStatus, by actor: SellerActorRole, reason: String?
    ) -> Refusal? {
        guard allows(from: from, to: to, by: actor) else { return .notAllowed }
        let hasReason = !(reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        if actor == .operator && needsReason(from: from, to: to) && !hasReason { return .reasonRequired }
        return nil
    }

    static func allows(from: SellerStatus, to: SellerStatus, by actor: SellerActorRole) -> Bool {
        switch (from, to, actor) {
        case (.applied, .onboarding, .operator), (.underReview, .approved, .operator),
            (.underReview, .onboarding, .operator), (.approved, .suspended, .operator),
            (.suspended, .approved, .operator):
            true
        case (.onboarding, .underReview, .seller):
            true
        case (.applied, .closed, _), (.onboarding, .closed, _), (.underReview, .closed, _), (.approved, .closed, _):
            true
        case (.suspended, .closed, .operator):
            // A suspended seller cannot walk away from an open case by closing the account.
            true
        default:
            false
        }
    }

    static func needsReason(from: SellerStatus, to: SellerStatus) -> Bool {
        switch (from, to) {
        case (.underReview, .onboarding), (_, .suspended), (_, .closed): true
        default: false
        }
    }
}
