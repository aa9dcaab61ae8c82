import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import NIOCore
import Persistence
import TestSupport

enum Fixture {
    static let password = "correct horse battery"

    static func staff(_ email: String, roles: [String], on platform: Platform) async throws -> StaffUser {
        try await platform.identity.createStaffUser(
            NewStaffUser(email: email, name: "Staff", password: password, roles: roles), by: .system,
            granting: .all, in: platform.database)
    }

    /// Signs a staff user in through the API and returns the session token.
    static func staffToken(_ email: String, client: some TestClientProtocol) async throws -> String {
        let response = try await client.execute(
            uri: "/v1/admin/auth/login", method: .post, headers: [.contentType: "application/json"],
            body: json(["email": email, "password": password]))
        guard let token = response.json.object("session").string("token") else {
            throw FixtureError.signInFailed(response.status.code, response.text)
        }
        return token
    }

    static func customerToken(_ email: String, on platform: Platform) async throws -> String {
        _ = try await platform.identity.registerCustomer(
            email: email, password: password, name: "Shopper", requestID: nil, in: platform.database)
        return try await platform.identity.loginCustomer(email: email, password: password, in: platform.database).0
            .token
    }

    static func apiKey(scopes: [String], forStaffEmail email: String, on platform: Platform) async throws -> String {
        try await APIKeys.create(name: "test", scopes: scopes, forStaffEmail: email, on: platform).token
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    static func bearer(_ token: String, json: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }
}

enum FixtureError: Error {
    case signInFailed(Int, String)
}
