import Foundation
import Persistence
import TorvCore

/// Filters, facets, sorts and pages listing candidates. Pure, so every rule is tested without a
/// database; the store narrows candidates by channel, status, category and text first.
public enum ListingEngine {
    /// Facet counts are disjunctive: an attribute's counts apply every filter except that
    /// attribute's own, so choosing "red" still shows how many blue products there are.
    public static func page(
        _ candidates: [ListingCandidate], for query: ListingQuery
    ) throws(CatalogError) -> ListingPage {
        let pool = candidates.filter { candidate in
            (candidate.product.fromPrice != nil || (query.minimumPrice == nil && query.maximumPrice == nil))
                && withinPriceRange(candidate, query) && candidate.inStock
        }
        let matching = pool.filter { matches($0, query.attributes, ignoring: nil) }
        let codes = Set(pool.flatMap(\.attributes.keys)).union(query.attributes.keys).sorted()
        let facets = codes.map { code in
            var counts: [String: Int] = [:]
            for candidate in pool where matches(candidate, query.attributes, ignoring: code) {
                if let value = candidate.attributes[code] { counts[value, default: 0] += 1 }
            }
            let values = counts.map { FacetValue(value: $0.key, count: $0.value) }
                .sorted { ($1.count, $0.value) < ($0.count, $1.value) }
            return Facet(attribute: code, values: values)
        }.filter { !$0.values.isEmpty }

        let ordered = matching.map { (position: ListingPosition($0.product, sort: query.sort), candidate: $0) }
            .sorted { $0.position < $1.position }
        var remaining = ordered[...]
        if let cursor = query.after {
            let start = try ListingPosition(cursor: cursor, sort: query.sort)
            remaining = remaining.drop { !(start < $0.position) }
        }
        let limit = min(max(query.limit, 1), Catalog.maximumPageSize)
        let page = remaining.prefix(limit)
        let next = remaining.count > limit ? page.last?.position.cursor : nil
        return ListingPage(
            items: page.map(\.candidate.product), facets: facets, total: matching.count, nextCursor: next)
    }

    static func matches(
        _ candidate: ListingCandidate, _ filters: [String: Set<String>], ignoring skipped: String?
    ) -> Bool {
        filters.allSatisfy { code, accepted in
            code == skipped || accepted.isEmpty || candidate.attributes[code].map(accepted.contains) == true
        }
    }

    static func withinPriceRange(_ candidate: ListingCandidate, _ query: ListingQuery) -> Bool {
        guard let price = candidate.product.fromPrice?.amount else { return true }
        if let minimum = query.minimumPrice, price < minimum.amount { return false }
        if let maximum = query.maximumPrice, price > maximum.amount { return false }
        return true
    }
}

/// Where a product sits in a sorted listing: a number, a text and the ID as the final tie-break.
/// The cursor carries the position of the last item shown, so the next page starts after it even
/// when products were added or removed meanwhile (keyset paging, not offsets).
struct ListingPosition: Comparable {
    var sort: ListingSort
    var number: Int64
    var id: String
    var text: String

    init(_ product: ListedProduct, sort: ListingSort) {
        self.sort = sort
        self.id = product.id.rawValue
        self.text = ""
        switch sort {
        case .newest: number = -product.createdAt.epochMicroseconds
        case .title:
            number = 0
            text = product.title.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        // Unpriced products go last in both price orders; amounts are never negative.
        case .priceAscending: number = product.fromPrice?.amount ?? .max
        case .priceDescending: number = product.fromPrice.map { -$0.amount } ?? .max
        }
    }

    static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.number, lhs.text, lhs.id) < (rhs.number, rhs.text, rhs.id)
    }

    var cursor: String {
        Data("\(sort.rawValue)|\(number)|\(id)|\(text)".utf8).base64EncodedString()
            .replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    init(cursor: String, sort: ListingSort) throws(CatalogError) {
        var base64 = cursor.replacing("-", with: "+").replacing("_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard cursor.count <= 600, let data = Data(base64Encoded: base64) else { throw .invalidCursor }
        let parts = String(decoding: data, as: UTF8.self).split(
            separator: "|", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == sort.rawValue, let number = Int64(parts[1]),
            ProductID(String(parts[2])) != nil
        else { throw .invalidCursor }
        self.sort = sort
        self.number = number
        self.id = String(parts[2])
        self.text = String(parts[3])
    }
}
