import Flows
import Foundation
import Identity
import Persistence
import TorvAPI
import TorvCore

extension APIHandlers {
    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        .ok(.init(body: .json(.init(status: .ok))))
    }

    /// Ready when the database answers and no migration is pending, so a load balancer sends no traffic
    /// to an instance that started against an older or unreachable schema.
    func getReadiness(_ input: Operations.GetReadiness.Input) async throws -> Operations.GetReadiness.Output {
        let backend: Components.Schemas.Readiness.BackendPayload =
            platform.database.backend == .sqlite ? .sqlite : .postgres
        do {
            let pending = try await platform.pendingMigrations()
            let body = Components.Schemas.Readiness(
                status: pending.isEmpty ? .ready : .notReady, database: .ok,
                migrations: pending.isEmpty ? .ok : .pending, backend: backend)
            return pending.isEmpty ? .ok(.init(body: .json(body))) : .serviceUnavailable(.init(body: .json(body)))
        } catch {
            return .serviceUnavailable(
                .init(
                    body: .json(
                        .init(status: .notReady, database: .unreachable, migrations: .unknown, backend: backend))))
        }
    }
}
