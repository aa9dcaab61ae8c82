import Catalog
import Foundation

/// The address of a product listing with its search, category, sort and facet choices, so every link
/// on the page (a facet, the next page) keeps what the shopper already chose.
struct ListingURL {
    var text: String
    var category: String?
    var sort: ListingSort
    var attributes: [String: Set<String>]
    var cursor: String?

    init(text: String, category: String?, sort: ListingSort, attributes: [String: Set<String>], cursor: String? = nil) {
        self.text = text
        self.category = category
        self.sort = sort
        self.attributes = attributes
        self.cursor = cursor
    }

    func toggling(_ attribute: String, _ value: String) -> ListingURL {
        var copy = self
        copy.cursor = nil
        if copy.attributes[attribute]?.contains(value) == true {
            copy.attributes[attribute]?.remove(value)
            if copy.attributes[attribute]?.isEmpty == true { copy.attributes[attribute] = nil }
        } else {
            copy.attributes[attribute, default: []].insert(value)
        }
        return copy
    }

    func after(_ cursor: String) -> ListingURL {
        var copy = self
        copy.cursor = cursor
        return copy
    }

    var path: String {
        var items: [URLQueryItem] = []
        if !text.isEmpty { items.append(URLQueryItem(name: "q", value: text)) }
        if let category { items.append(URLQueryItem(name: "category", value: category)) }
        if sort != .newest { items.append(URLQueryItem(name: "sort", value: sort.rawValue)) }
        for (attribute, values) in attributes.sorted(by: { $0.key < $1.key }) {
            for value in values.sorted() {
                items.append(URLQueryItem(name: "attribute", value: "\(attribute):\(value)"))
            }
        }
        if let cursor { items.append(URLQueryItem(name: "after", value: cursor)) }
        var components = URLComponents()
        components.path = "/products"
        components.queryItems = items.isEmpty ? nil : items
        // `+` is a space in a query; URLComponents leaves it alone, so a value with a plus would change.
        return components.string?.replacingOccurrences(of: "+", with: "%2B") ?? "/products"
    }
}
