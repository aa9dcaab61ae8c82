public import Foundation
import TorvAPI
import Yams

/// The OpenAPI document, read once from the `TorvAPI` resource: served as `/openapi.json`, rendered
/// as `/docs`, and the source of every operation's access rule.
public struct APISpecification: Sendable {
    /// The document as JSON, byte for byte what `/openapi.json` serves.
    public let json: Data
    public let operations: [String: OperationPolicy]

    public static func load() throws -> APISpecification {
        guard let url = APIDocument.yamlURL else { throw SpecificationError.missing }
        return try APISpecification(yaml: String(contentsOf: url, encoding: .utf8))
    }

    init(yaml: String) throws {
        guard let document = try Yams.load(yaml: yaml).map(Self.jsonCompatible) as? [String: Any] else {
            throw SpecificationError.notAnObject
        }
        self.json = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        self.operations = try OperationPolicy.all(in: document)
    }

    /// YAML mappings arrive keyed by `AnyHashable`; JSON needs string keys and plain scalars.
    static func jsonCompatible(_ value: Any) -> Any {
        switch value {
        case let mapping as [AnyHashable: Any]:
            var result: [String: Any] = [:]
            for (key, inner) in mapping { result[String(describing: key.base)] = jsonCompatible(inner) }
            return result
        case let sequence as [Any]:
            return sequence.map(jsonCompatible)
        case let date as Date:
            return ISO8601DateFormatter().string(from: date)
        default:
            return value
        }
    }
}

public enum SpecificationError: Error, CustomStringConvertible {
    case missing
    case notAnObject
    case undeclaredAccess(operationID: String)
    case badAccess(operationID: String, value: String)

    public var description: String {
        switch self {
        case .missing: "openapi.yaml is missing from the TorvAPI resources"
        case .notAnObject: "openapi.yaml is not a mapping"
        case .undeclaredAccess(let id): "operation \(id) declares no x-torv-access"
        case .badAccess(let id, let value): "operation \(id) has an unknown x-torv-access '\(value)'"
        }
    }
}
