import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// The cost of HTTP alone: a Hummingbird application with one route that answers a small JSON
/// body, in this process, driven by the same client at the same concurrency.
enum BareRoute {
    static func measure(client: HTTPClient, shoppers: [Int], seconds: Double) async throws -> [Int: Double] {
        let router = Router()
        router.get("/bare") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"id":"prod_bare","title":"Bare"}"#)))
        }
        let port = 19_000 + Int.random(in: 0..<1000)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: app.logger))
        let running = Task { try await serviceGroup.run() }
        let shop = ShopClient(client: client, base: "http://127.0.0.1:\(port)")
        for _ in 0..<100 {
            if (try? await shop.call(.GET, "/bare", expect: 200)) != nil { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        var rates: [Int: Double] = [:]
        for count in shoppers {
            rates[count] = try await Load.run(tasks: count, seconds: seconds) {
                _ = try await shop.call(.GET, "/bare", expect: 200)
            }.rate
        }
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await running.value
        return rates
    }
}
