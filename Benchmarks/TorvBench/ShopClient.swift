import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A shopper speaking Torv's storefront API over real HTTP.
struct ShopClient: Sendable {
    let client: HTTPClient
    let base: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Any answer, with its status: for flows where a refusal is an expected outcome.
    func send(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers: [(String, String)] = []
    ) async throws -> (status: Int, body: [String: Any]) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: json))))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 4 << 20)
        let decoded = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
        return (Int(response.status.code), decoded)
    }

    func call(
        _ method: HTTPMethod, _ path: String, json: [String: Any]? = nil, headers: [(String, String)] = [],
        expect: Int
    ) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let json {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: json))))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 4 << 20)
        guard Int(response.status.code) == expect else {
            throw Failure(description: "\(method) \(path): \(response.status.code) \(String(buffer: body))")
        }
        return (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    /// The sum of a Prometheus series over all its labels, from `/metrics`.
    func metric(_ name: String) async throws -> Double {
        var request = HTTPClientRequest(url: base + "/metrics")
        request.method = .GET
        let response = try await client.execute(request, timeout: .seconds(30))
        let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        return text.split(separator: "\n").filter { $0.hasPrefix(name + " ") || $0.hasPrefix(name + "{") }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }.reduce(0, +)
    }

    func waitUntilReady() async throws {
        for _ in 0..<300 {
            if (try? await call(.GET, "/readyz", expect: 200)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "torv serve did not become ready")
    }

    func variantID(slug: String) async throws -> String {
        let product = try await call(.GET, "/v1/store/products/\(slug)?currency=EUR", expect: 200)
        guard let variants = product["variants"] as? [[String: Any]], let id = variants.first?["id"] as? String else {
            throw Failure(description: "no variant for \(slug)")
        }
        return id
    }

    func productPage() async throws {
        _ = try await call(.GET, "/v1/store/products/tee?currency=EUR", expect: 200)
    }

    /// One order from product page to paid: the eight requests a storefront makes.
    func buy(variant: String) async throws {
        try await productPage()
        let cart = try await call(.POST, "/v1/store/carts", json: ["currency": "EUR"], expect: 201)
        guard let id = cart["id"] as? String, let token = cart["guest_token"] as? String else {
            throw Failure(description: "no guest cart")
        }
        let guest = [("X-Cart-Token", token)]
        _ = try await call(
            .POST, "/v1/store/carts/\(id)/lines", json: ["variant_id": variant, "quantity": 1], headers: guest,
            expect: 200)
        _ = try await call(
            .PUT, "/v1/store/carts/\(id)/contact", json: ["email": "bench@example.com"], headers: guest, expect: 200)
        _ = try await call(
            .PUT, "/v1/store/carts/\(id)/addresses",
            json: [
                "shipping": [
                    "name": "Bench Shopper", "line1": "Storgatan 1", "city": "Malmö", "postal_code": "211 22",
                    "country": "SE",
                ]
            ], headers: guest, expect: 200)
        let options = try await call(.GET, "/v1/store/carts/\(id)/delivery-options", headers: guest, expect: 200)
        guard let method = (options["shipping"] as? [[String: Any]])?.first?["method_id"] as? String else {
            throw Failure(description: "no shipping method")
        }
        _ = try await call(
            .PUT, "/v1/store/carts/\(id)/delivery", json: ["method_id": method], headers: guest, expect: 200)
        _ = try await call(
            .POST, "/v1/store/carts/\(id)/checkout",
            json: [
                "payment_method": "card",
                "card": ["number": "4242424242424242", "expiry_month": 12, "expiry_year": 2031, "cvc": "123"],
            ], headers: guest + [("Idempotency-Key", UUID().uuidString)], expect: 201)
    }
}
