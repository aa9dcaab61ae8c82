import Foundation
public import Identity

/// Who may call an operation, declared in the OpenAPI document next to the operation itself.
public enum Access: Sendable, Hashable {
    /// Anyone, signed in or not.
    case anyone
    /// A signed-in customer (acting on their own data only).
    case customer
    /// A shopper: a guest without a token, or a signed-in customer. A staff credential is refused,
    /// and a bad token is an error rather than a silent guest.
    case shopper
    /// A staff user's session or an API key holding the permission (`nil`: any staff credential).
    case staff(Permission?)
    /// A signed-in staff person, not an API key (own password, two-factor set-up, logout).
    case staffUser(Permission?)
    /// A seller user holding the permission, acting for their own seller only.
    case seller(Permission?)
}

/// One operation's rules: who may call it and whether it takes an `Idempotency-Key`.
public struct OperationPolicy: Sendable, Hashable {
    public let operationID: String
    public let access: Access
    public let idempotent: Bool

    /// Reads every operation of the document. Throws when one declares no access or an unknown one:
    /// deny by default is enforced at start-up, not discovered in production.
    static func all(in document: [String: Any]) throws -> [String: OperationPolicy] {
        var policies: [String: OperationPolicy] = [:]
        let paths = document["paths"] as? [String: Any] ?? [:]
        for (_, item) in paths {
            for (method, value) in item as? [String: Any] ?? [:] {
                guard ["get", "put", "post", "delete", "patch"].contains(method),
                    let operation = value as? [String: Any], let id = operation["operationId"] as? String
                else { continue }
                guard let declared = operation["x-torv-access"] as? String else {
                    throw SpecificationError.undeclaredAccess(operationID: id)
                }
                let permission = (operation["x-torv-permission"] as? String).map(Permission.init(rawValue:))
                let access: Access
                switch declared {
                case "public": access = .anyone
                case "customer": access = .customer
                case "shopper": access = .shopper
                case "staff": access = .staff(permission)
                case "staff-user": access = .staffUser(permission)
                case "seller": access = .seller(permission)
                default: throw SpecificationError.badAccess(operationID: id, value: declared)
                }
                policies[id] = OperationPolicy(
                    operationID: id, access: access, idempotent: operation["x-torv-idempotent"] as? Bool ?? false)
            }
        }
        return policies
    }
}
