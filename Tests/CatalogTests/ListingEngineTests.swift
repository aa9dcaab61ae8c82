import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Listing rules (pure)")
struct ListingEngineTests {
    static func candidate(
        _ number: UInt64, _ title: String, price: Int64?, day: Double, colour: String? = nil, size: String? = nil,
        inStock: Bool = true
    ) -> ListingCandidate {
        var attributes: [String: String] = [:]
        attributes["colour"] = colour
        attributes["size"] = size
        return ListingCandidate(
            product: ListedProduct(
                id: .fixed(number), slug: "p\(number)", title: title, fromPrice: price.map(Money.eur),
                createdAt: .days(day)),
            attributes: attributes, inStock: inStock)
    }

    static let shelf = [
        candidate(1, "Apron", price: 1500, day: 1, colour: "red", size: "m"),
        candidate(2, "bucket", price: 900, day: 2, colour: "blue", size: "m"),
        candidate(3, "Chair", price: 4500, day: 3, colour: "red", size: "l"),
        candidate(4, "Doormat", price: nil, day: 4, colour: "green"),
        candidate(5, "Easel", price: 900, day: 5, colour: "blue", size: "s"),
    ]

    static func query(
        sort: ListingSort = .newest, limit: Int = 24, attributes: [String: Set<String>] = [:], minimum: Int64? = nil,
        maximum: Int64? = nil, after: String? = nil
    ) -> ListingQuery {
        ListingQuery(
            channel: "web", currency: .eur, attributes: attributes, minimumPrice: minimum.map(Money.eur),
            maximumPrice: maximum.map(Money.eur), sort: sort, limit: limit, after: after)
    }

    @Test(
        "sort orders",
        arguments: [
            (ListingSort.newest, ["Easel", "Doormat", "Chair", "bucket", "Apron"]),
            (.title, ["Apron", "bucket", "Chair", "Doormat", "Easel"]),
            // Equal prices fall back to the ID; unpriced products go last.
            (.priceAscending, ["bucket", "Easel", "Apron", "Chair", "Doormat"]),
            (.priceDescending, ["Chair", "Apron", "bucket", "Easel", "Doormat"]),
        ])
    func sorting(sort: ListingSort, titles: [String]) throws {
        let page = try ListingEngine.page(Self.shelf, for: Self.query(sort: sort))
        #expect(page.items.map(\.title) == titles)
        #expect(page.total == 5)
        #expect(page.nextCursor == nil)
    }

    @Test("cursor pages visit every product once, in order", arguments: ListingSort.allCases)
    func paging(sort: ListingSort) throws {
        let everything = try ListingEngine.page(Self.shelf, for: Self.query(sort: sort)).items.map(\.id)
        var seen: [ProductID] = []
        var cursor: String?
        repeat {
            let page = try ListingEngine.page(Self.shelf, for: Self.query(sort: sort, limit: 2, after: cursor))
            seen += page.items.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == everything)
    }

    @Test("a cursor stays valid when earlier products disappear")
    func keysetPaging() throws {
        let first = try ListingEngine.page(Self.shelf, for: Self.query(sort: .title, limit: 2))
        let shrunk = Array(Self.shelf.dropFirst())
        let second = try ListingEngine.page(shrunk, for: Self.query(sort: .title, limit: 2, after: first.nextCursor))
        #expect(second.items.map(\.title) == ["Chair", "Doormat"])
    }

    @Test("a cursor of another sort or garbage is refused", arguments: ["garbage", "", "bmV3ZXN0fDF8eHw"])
    func badCursor(cursor: String) throws {
        let valid = try ListingEngine.page(Self.shelf, for: Self.query(sort: .newest, limit: 1)).nextCursor
        #expect(throws: CatalogError.invalidCursor) {
            try ListingEngine.page(Self.shelf, for: Self.query(sort: .title, after: valid))
        }
        #expect(throws: CatalogError.invalidCursor) {
            try ListingEngine.page(Self.shelf, for: Self.query(after: cursor))
        }
    }

    @Test("a price range keeps priced products within it, bounds inclusive")
    func priceRange() throws {
        let page = try ListingEngine.page(Self.shelf, for: Self.query(sort: .title, minimum: 900, maximum: 1500))
        #expect(page.items.map(\.title) == ["Apron", "bucket", "Easel"])
    }

    @Test("products out of stock are left out, from the items and the facets")
    func stock() throws {
        var shelf = Self.shelf
        shelf[4].inStock = false
        let page = try ListingEngine.page(shelf, for: Self.query())
        #expect(page.items.map(\.title) == ["Doormat", "Chair", "bucket", "Apron"])
        #expect(page.facets.first { $0.attribute == "size" }?.values.map(\.value) == ["m", "l"])
    }

    @Test("facet counts apply every filter except their own attribute's")
    func disjunctiveFacets() throws {
        let shelf = Self.shelf
        let page = try ListingEngine.page(shelf, for: Self.query(attributes: ["colour": ["red"]]))
        #expect(Set(page.items.map(\.title)) == ["Apron", "Chair"])
        let colour = page.facets.first { $0.attribute == "colour" }
        #expect(
            colour?.values == [
                FacetValue(value: "blue", count: 2), FacetValue(value: "red", count: 2),
                FacetValue(value: "green", count: 1),
            ])
        let size = page.facets.first { $0.attribute == "size" }
        #expect(size?.values == [FacetValue(value: "l", count: 1), FacetValue(value: "m", count: 1)])

        let both = try ListingEngine.page(
            shelf, for: Self.query(attributes: ["colour": ["red", "blue"], "size": ["m"]]))
        #expect(Set(both.items.map(\.title)) == ["Apron", "bucket"])
        #expect(both.total == 2)
    }
}
