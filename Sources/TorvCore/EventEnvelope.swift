public import Foundation

/// An event as the outbox stores and the relay delivers it: the routing type, the moment it happened, the
/// request that caused it (for tracing), and the payload as canonical JSON (see ``EventJSON``).
///
/// The payload stays `Data` so the outbox and relay can move events of every module without knowing their
/// types; only a subscriber decodes, with ``decode(_:)``.
public struct EventEnvelope: Sendable, Codable, Hashable {
    public let id: EventID
    public let type: String
    public let occurredAt: Date
    public let payload: Data
    public let requestID: String?

    public init(id: EventID, type: String, occurredAt: Date, payload: Data, requestID: String?) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.payload = payload
        self.requestID = requestID
    }

    public init<E: DomainEvent>(_ event: E, id: EventID, occurredAt: Date, requestID: String? = nil) throws {
        self.init(
            id: id,
            type: E.eventType,
            occurredAt: occurredAt,
            payload: try EventJSON.encoder().encode(event),
            requestID: requestID
        )
    }

    /// The event, if this envelope holds an `E`; throws ``EventError`` when the type differs or the payload
    /// does not decode, so a subscriber never acts on a misrouted event.
    public func decode<E: DomainEvent>(_ type: E.Type) throws -> E {
        guard self.type == E.eventType else {
            throw EventError.typeMismatch(expected: E.eventType, found: self.type)
        }
        do {
            return try EventJSON.decoder().decode(E.self, from: payload)
        } catch {
            throw EventError.undecodablePayload(type: self.type, reason: String(describing: error))
        }
    }
}
