import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import TestSupport
import Testing
import TorvCore
import TorvHTTP

@Suite("Rate limits")
struct RateLimitTests {
    @Test("a principal over its limit gets 429 with Retry-After")
    func perPrincipal() async throws {
        try await withTestApp(
            on: .sqlite, settings: HTTPSettings(requestsPerMinutePerAddress: 10_000, requestsPerMinutePerPrincipal: 5)
        ) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            let token = try await Fixture.staffToken("owner@shop.example", client: client)
            var statuses: [HTTPResponse.Status] = []
            var retryAfter: String?
            for _ in 0..<8 {
                let response = try await client.execute(
                    uri: "/v1/admin/me", method: .get, headers: Fixture.bearer(token))
                statuses.append(response.status)
                if response.status == .tooManyRequests { retryAfter = response.headers[.retryAfter] }
            }
            #expect(statuses.prefix(5).allSatisfy { $0 == .ok })
            #expect(statuses.suffix(3).allSatisfy { $0 == .tooManyRequests })
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
        }
    }

    @Test("a client address over its limit gets 429 before any work is done")
    func perAddress() async throws {
        try await withTestApp(
            on: .sqlite, settings: HTTPSettings(requestsPerMinutePerAddress: 3, requestsPerMinutePerPrincipal: 10_000)
        ) { _, _, client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<5 { statuses.append(try await client.execute(uri: "/healthz", method: .get).status) }
            #expect(statuses == [.ok, .ok, .ok, .tooManyRequests, .tooManyRequests])
        }
    }
}
