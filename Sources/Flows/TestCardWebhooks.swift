import Foundation
public import Logging
public import Payments

/// Delivers what the simulated card processor reports later (a passed 3-D Secure challenge, settled
/// captures and refunds) through the same verified webhook path a real processor's messages take.
///
/// A real PSP would POST these to `/hooks/payments/test_card`; the simulated one lives in this process,
/// so `torv serve` hands them over in process: after a challenge page is answered, and every second
/// for the rest. Each instance delivers its own processor's messages (the simulation is per process).
public enum TestCardWebhooks {
    /// Where `torv serve` shows the simulated bank's challenge page; the charge reference follows.
    public static let challengePath = "/test-psp/3ds/"

    /// Delivers every waiting message; returns how many were applied. A message that fails is logged
    /// and dropped: the payment's reconcile job settles it from the processor's own record.
    @discardableResult
    public static func deliverPending(
        on platform: Platform, logger: Logger = Logger(label: "torv.payments")
    ) async -> Int {
        var applied = 0
        for webhook in await platform.testCards.drainWebhooks() {
            do {
                let result = try await PaymentWebhooks.receive(
                    provider: platform.testCards.name, headers: webhook.headers, body: webhook.body, on: platform)
                if case .applied = result { applied += 1 }
            } catch {
                logger.warning("test card webhook not applied", metadata: ["error": "\(error)"])
            }
        }
        return applied
    }

    /// The shopper's answer on the challenge page. False when no challenge waits at `reference`.
    public static func answerChallenge(
        _ reference: String, approve: Bool, on platform: Platform, logger: Logger = Logger(label: "torv.payments")
    ) async -> Bool {
        guard await platform.testCards.completeChallenge(reference, approve: approve) else { return false }
        await deliverPending(on: platform, logger: logger)
        return true
    }
}
