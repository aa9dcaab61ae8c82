import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import Persistence
import Sellers
import TestSupport
import Testing
import TorvCore
import TorvHTTP

/// Deny by default, proven over every operation of the API document rather than a hand-picked few.
@Suite("Access to every operation")
struct AccessMatrixTests {
    struct Operation: Sendable, CustomStringConvertible {
        let id: String
        let method: HTTPRequest.Method
        let path: String
        let access: Access
        var description: String { "\(method) \(path) (\(id))" }
    }

    /// Path parameters with values that look real but exist nowhere.
    static let placeholders: [(String, String)] = {
        let zeros = String(repeating: "0", count: 26)
        let ids: [(String, String)] = [
            ("staff_id", "stf"), ("key_id", "key"), ("company_id", "comp"), ("group_id", "cgrp"),
            ("address_id", "addr"), ("product_id", "prod"), ("variant_id", "var"), ("category_id", "cat"),
            ("price_list_id", "prl"), ("entry_id", "jrn"), ("invoice_id", "inv"), ("supplier_id", "sup"),
            ("purchase_order_id", "po"), ("bill_id", "bill"), ("gift_card_id", "gc"), ("promotion_id", "promo"),
            ("flash_sale_id", "flash"), ("group_deal_id", "gdeal"), ("seller_id", "sel"), ("seller_offer_id", "sofr"),
            ("seller_user_id", "susr"), ("review_id", "rev"), ("seller_case_id", "scase"),
            ("payout_run_id", "prun"), ("sub_order_id", "sord"), ("buy_request_id", "breq"),
            ("buy_response_id", "bresp"), ("seller_review_id", "srev"),
        ]
        return ids.map { ("{\($0.0)}", "\($0.1)_\(zeros)") } + [
            ("{sku}", "SKU-1"), ("{code}", "size"), ("{account_code}", "1930"), ("{period}", "2026-11"),
            ("{handle}", "no-such-seller"),
        ]
    }()

    /// Every operation of the document with a concrete path (IDs that look real but exist nowhere).
    static func operations() throws -> [Operation] {
        let specification = try APISpecification.load()
        let document = try JSONSerialization.jsonObject(with: specification.json) as? [String: Any] ?? [:]
        var result: [Operation] = []
        for (path, item) in document["paths"] as? [String: Any] ?? [:] {
            for (method, value) in item as? [String: Any] ?? [:] {
                guard let operation = value as? [String: Any], let id = operation["operationId"] as? String,
                    let policy = specification.operations[id], let httpMethod = HTTPRequest.Method(method.uppercased())
                else { continue }
                var concrete = path
                for (placeholder, value) in Self.placeholders {
                    concrete = concrete.replacingOccurrences(of: placeholder, with: value)
                }
                result.append(Operation(id: id, method: httpMethod, path: concrete, access: policy.access))
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    @Test("the document declares access for every operation, and the matrix covers them all")
    func everyOperationDeclared() throws {
        let operations = try Self.operations()
        #expect(operations.count == (try APISpecification.load().operations.count))
        #expect(operations.count >= 25)
    }

    @Test("after-sale operations declare who may call them")
    func afterSaleAccess() throws {
        let operations = try APISpecification.load().operations
        #expect(operations["cancelMyOrder"]?.access == .customer)
        #expect(operations["cancelMyOrder"]?.idempotent == true)
        #expect(operations["listMyReturns"]?.access == .customer)
        // Public on purpose: number and e-mail together are the credential; the address rate limit applies.
        #expect(operations["lookUpOrder"]?.access == .anyone)
        #expect(operations["listReturns"]?.access == .staff("orders.read"))
        #expect(operations["exchangeReturn"]?.access == .staff("orders.returns"))
        #expect(operations["exchangeReturn"]?.idempotent == true)
    }

    @Test("every operation refuses the wrong principal", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        let operations = try Self.operations()
        // Every operation is called five or six times from one address: more than a minute's default budget
        // (1,200) now that the document has over two hundred operations. The limits are not under test here.
        let unthrottled = HTTPSettings(requestsPerMinutePerAddress: 100_000, requestsPerMinutePerPrincipal: 100_000)
        try await withTestApp(on: backend, settings: unthrottled) { _, platform, client in
            _ = try await Fixture.staff("owner@shop.example", roles: ["owner"], on: platform)
            _ = try await Fixture.staff("support@shop.example", roles: ["support"], on: platform)
            let supportToken = try await Fixture.staffToken("support@shop.example", client: client)
            let roles = try await platform.database.read { db in try await platform.identity.roles(on: db) }
            let support = PermissionSet(roles.first { $0.name == "support" }?.permissions ?? [])
            let customerToken = try await Fixture.customerToken("ada@example.com", on: platform)
            let keyToken = try await Fixture.apiKey(
                scopes: ["identity.*"], forStaffEmail: "owner@shop.example", on: platform)
            _ = try await Marketplace.apply(
                SellerApplication(displayName: "Matrix Ceramics", kind: .business), ownerEmail: "owner@matrix.example",
                ownerPassword: "a long seller password", ownerName: "Mia Matrix", requestID: nil, on: platform)
            let sellerToken = try await platform.identity.loginSellerUser(
                email: "owner@matrix.example", password: "a long seller password", in: platform.database
            ).0.token

            func call(_ operation: Operation, token: String?) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(
                    uri: operation.path, method: operation.method, headers: headers,
                    body: operation.method == .get ? nil : Fixture.json([:]))
            }

            for operation in operations {
                switch operation.access {
                case .anyone:
                    continue
                case .customer:
                    #expect(try await call(operation, token: nil).status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: supportToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: keyToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: sellerToken).status == .forbidden, "\(operation)")
                case .shopper:
                    // Guests are welcome; a staff credential or a forged token is not a guest.
                    #expect(try await call(operation, token: supportToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: keyToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: "torv_cs_forged").status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: sellerToken).status == .forbidden, "\(operation)")
                case .staff(let permission):
                    #expect(try await call(operation, token: nil).status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: "torv_ss_forged").status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: customerToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: sellerToken).status == .forbidden, "\(operation)")
                    if let permission, !support.allows(permission) {
                        #expect(try await call(operation, token: supportToken).status == .forbidden, "\(operation)")
                    }
                case .staffUser:
                    #expect(try await call(operation, token: nil).status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: customerToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: keyToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: sellerToken).status == .forbidden, "\(operation)")
                case .seller:
                    // Only a seller user of some seller; staff, keys and customers are refused.
                    #expect(try await call(operation, token: nil).status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: "torv_xs_forged").status == .unauthorized, "\(operation)")
                    #expect(try await call(operation, token: customerToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: supportToken).status == .forbidden, "\(operation)")
                    #expect(try await call(operation, token: keyToken).status == .forbidden, "\(operation)")
                }
            }
        }
    }

    @Test("a refusal is problem+json with a stable code and no detail of the inside")
    func refusalShape() async throws {
        try await withTestApp(on: .sqlite) { _, _, client in
            let response = try await client.execute(uri: "/v1/admin/staff", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType]?.hasPrefix("application/problem+json") == true)
            #expect(response.json.string("code") == "unauthenticated")
            #expect(response.json["status"] as? Int == 401)
            #expect(response.headers[HTTPField.Name("X-Request-ID")!] != nil)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        }
    }
}
