public import Catalog
public import Foundation
import Synchronization
public import TorvCore

/// Product pages kept in this process for a few seconds, so a rush on one product reads the
/// database once per interval instead of once per shopper.
///
/// Every instance keeps its own copy and nothing invalidates it across instances: a price or
/// product change shows on the storefront within `lifetime`, and never past the moment the page
/// itself says it changes (a sale list opening). Carts and checkout never read from here — they
/// price from the database, so what a shopper pays is never stale.
public final class ProductPageCache: Sendable {
    struct Key: Hashable {
        let slug: String
        let channel: String
        let currency: Currency
    }

    struct Entry {
        let page: ProductPage
        let expires: Date
    }

    /// How long a page may be served after it was read; zero turns the cache off.
    public let lifetime: Duration
    let capacity: Int
    private let entries = Mutex<[Key: Entry]>([:])

    public init(lifetime: Duration, capacity: Int = 4096) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached page, or `load`'s answer, kept until its expiry; with the moment it stops being
    /// fresh. Errors (a 404) are not kept.
    func page(
        slug: String, channel: String, currency: Currency, now: Date,
        load: () async throws -> ProductPage
    ) async throws -> (page: ProductPage, freshUntil: Date) {
        guard lifetime > .zero else { return (try await load(), now) }
        let key = Key(slug: slug, channel: channel, currency: currency)
        if let entry = entries.withLock({ $0[key] }), entry.expires > now { return (entry.page, entry.expires) }
        let page = try await load()
        let seconds = Double(lifetime.components.seconds) + Double(lifetime.components.attoseconds) / 1e18
        let expires = min(now.addingTimeInterval(seconds), page.validUntil ?? .distantFuture)
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = Entry(page: page, expires: expires)
        }
        return (page, expires)
    }
}
