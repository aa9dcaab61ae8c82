import Flows
import Foundation
import Identity
import TorvAPI
import TorvCore

/// Implements the generated `APIProtocol`: one extension per API tag, each handler thin — read the
/// input, call a facade or flow, map the result. Access was checked by `AccessMiddleware` already;
/// handlers still derive "whose data" from the caller, never from the request.
struct APIHandlers: APIProtocol {
    let platform: Platform
    let flashSaleThrottle: FlashSaleThrottle

    init(platform: Platform, flashSaleThrottle: FlashSaleThrottle) {
        self.platform = platform
        self.flashSaleThrottle = flashSaleThrottle
    }
}

/// Page size and cursor checks shared by every list operation.
enum Paging {
    static let defaultLimit = 50
    static let maxLimit = 200

    static func limit(_ requested: Int?) throws -> Int {
        let limit = requested ?? defaultLimit
        guard (1...maxLimit).contains(limit) else {
            throw RequestError.invalidParameter(name: "limit", message: "must be from 1 to \(maxLimit)")
        }
        return limit
    }

    /// Splits `limit + 1` fetched rows into the page and the cursor of the next one (absent on the
    /// last page): one extra row says whether more exist without a COUNT.
    static func page<Item>(_ fetched: [Item], limit: Int, cursor: (Item) -> String) -> (items: [Item], next: String?) {
        let items = Array(fetched.prefix(limit))
        return (items, fetched.count > limit ? items.last.map(cursor) : nil)
    }

    static func cursor<P: IDPrefix>(
        _ text: String?, as type: TypedID<P>.Type, name: String = "after"
    ) throws
        -> TypedID<P>?
    {
        guard let text else { return nil }
        guard let id = TypedID<P>(text) else {
            throw RequestError.invalidParameter(name: name, message: "is not a cursor from a previous page")
        }
        return id
    }
}

/// Parses an ID from a path, answering 404 for anything malformed: to a caller, an ID that cannot
/// exist and one that does not exist are the same thing.
func pathID<P: IDPrefix>(_ text: String, as type: TypedID<P>.Type, notFound: some DomainError) throws -> TypedID<P> {
    guard let id = TypedID<P>(text) else { throw notFound }
    return id
}

/// Parses IDs inside a request body, collecting every malformed one with its JSON pointer so the
/// caller hears about all of them at once, like any other validation failure.
struct FieldIDs {
    private var validator = Validator()

    mutating func id<P: IDPrefix>(_ text: String, as type: TypedID<P>.Type, at pointer: String) -> TypedID<P> {
        if let id = TypedID<P>(text) { return id }
        validator.add(
            FieldError(pointer: pointer, message: "is not a valid \(P.prefix)_ ID", code: "invalid_id"))
        // Never used: finish() throws before anyone reads it.
        return TypedID<P>(uuid: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }

    func finish() throws {
        try validator.finish()
    }
}

extension APIHandlers {
    /// A currency code in a request body: a known ISO 4217 currency, or a field problem at `pointer`.
    static func currency(_ code: String, at pointer: String) throws -> Currency {
        guard let currency = Currency(code: code) else {
            throw ValidationError([
                FieldError(pointer: pointer, message: "is not an ISO 4217 currency code", code: "invalid_currency")
            ])
        }
        return currency
    }

    /// Money in a request body; a bad currency is reported at `pointer/currency`.
    static func money(_ money: Components.Schemas.Money, at pointer: String) throws -> Money {
        Money(minorUnits: money.amount, currency: try currency(money.currency, at: pointer + "/currency"))
    }
}
