import Flows
import Logging
import ServiceLifecycle

/// Hands the simulated card processor's late messages (settled captures and refunds, challenges
/// answered elsewhere) to this instance's webhook path every second, so none waits in memory.
struct TestCardWebhookRelay: Service {
    let platform: Platform
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await TestCardWebhooks.deliverPending(on: platform, logger: logger)
                try? await Task.sleep(for: .seconds(1))
            }
        }
        // Whatever arrived meanwhile is delivered before the process stops.
        await TestCardWebhooks.deliverPending(on: platform, logger: logger)
    }
}
