import Persistence
public import SQLKit
import TorvCore

extension Promotions {
    /// Group deals whose stored counts or outcome disagree with their seats: only a write outside Promotions, or
    /// a settlement step lost half-way, can do that. Empty when every deal holds.
    public func groupDealViolations(on db: any SQLDatabase) async throws -> [String] {
        var found: [String] = []
        // The seat counter is every seat that is in or still authorising.
        let counts = try await db.raw(
            """
            SELECT d.id, d.seats,
                   (SELECT COUNT(*) FROM promotion_group_deal_participants p
                    WHERE p.deal_id = d.id AND p.state NOT IN ('left', 'rejected')) AS taken
            FROM promotion_group_deals d ORDER BY d.id
            """
        ).all()
        for row in counts where try row.int("seats") != row.int("taken") {
            found.append(
                "\(try row.string("id")): \(try row.int("seats")) seats counted, \(try row.int("taken")) taken")
        }
        // A settled deal is all or nothing: no step in flight, nobody left holding an authorisation, charged
        // seats only in a success (each with one voucher) and none in a failure.
        let settled = try await db.raw(
            """
            SELECT d.id, d.status,
                   (SELECT COUNT(*) FROM promotion_group_deal_participants p
                    WHERE p.deal_id = d.id AND (p.action IS NOT NULL
                        OR p.state IN ('authorising', 'joined', 'capture_failed'))) AS unsettled,
                   (SELECT COUNT(*) FROM promotion_group_deal_participants p
                    WHERE p.deal_id = d.id AND p.state = 'captured') AS captured,
                   (SELECT COUNT(*) FROM promotion_group_deal_vouchers v WHERE v.deal_id = d.id) AS vouchers,
                   (SELECT COUNT(*) FROM promotion_group_deal_vouchers v
                    JOIN promotion_group_deal_participants p ON p.id = v.participant_id
                    WHERE v.deal_id = d.id AND p.state <> 'captured') AS stray
            FROM promotion_group_deals d WHERE d.status <> 'open' ORDER BY d.id
            """
        ).all()
        for row in settled {
            let id = try row.string("id")
            let status = try row.string("status")
            let (unsettled, captured) = (try row.int("unsettled"), try row.int("captured"))
            let (vouchers, stray) = (try row.int("vouchers"), try row.int("stray"))
            if unsettled > 0 { found.append("\(id): \(status) with \(unsettled) seat(s) not settled") }
            if status == GroupDealStatus.failed.rawValue && captured > 0 {
                found.append("\(id): failed with \(captured) seat(s) still charged")
            }
            if status == GroupDealStatus.succeeded.rawValue && (vouchers != captured || stray > 0) {
                found.append("\(id): \(captured) seat(s) charged but \(vouchers) voucher(s), \(stray) not for a charge")
            }
        }
        return found
    }
}
