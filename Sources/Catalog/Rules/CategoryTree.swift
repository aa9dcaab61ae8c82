import Persistence

/// Pure rules over the category tree, kept apart from storage so they are tested directly.
public enum CategoryTree {
    /// Whether putting `category` under `newParent` would make it its own ancestor.
    /// `parents` maps every category to its parent (`nil` for a root).
    public static func wouldCreateCycle(
        moving category: CategoryID, under newParent: CategoryID?, parents: [CategoryID: CategoryID?]
    ) -> Bool {
        var current = newParent
        var steps = 0
        while let node = current {
            if node == category { return true }
            // A corrupt table with a loop already must not hang the request.
            steps += 1
            if steps > parents.count { return true }
            current = parents[node] ?? nil
        }
        return false
    }

    /// `category` and everything below it.
    public static func subtree(of category: CategoryID, in categories: [Category]) -> Set<CategoryID> {
        var children: [CategoryID: [CategoryID]] = [:]
        for node in categories {
            if let parent = node.parentID { children[parent, default: []].append(node.id) }
        }
        var found: Set<CategoryID> = [category]
        var queue = [category]
        while let next = queue.popLast() {
            for child in children[next] ?? [] where found.insert(child).inserted {
                queue.append(child)
            }
        }
        return found
    }

    /// The names from the root down to `category`: `["Clothing", "Shirts"]`.
    public static func path(of category: CategoryID, in categories: [Category]) -> [String] {
        let byID = Dictionary(categories.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var names: [String] = []
        var current: CategoryID? = category
        while let id = current, let node = byID[id], names.count <= byID.count {
            names.insert(node.name, at: 0)
            current = node.parentID
        }
        return names
    }

    /// The forest, siblings ordered by position then name.
    public static func build(_ categories: [Category]) -> [CategoryNode] {
        var children: [CategoryID?: [Category]] = [:]
        for node in categories { children[node.parentID, default: []].append(node) }
        func nodes(under parent: CategoryID?, depth: Int) -> [CategoryNode] {
            guard depth <= categories.count else { return [] }
            return (children[parent] ?? [])
                .sorted { ($0.position, $0.name) < ($1.position, $1.name) }
                .map { CategoryNode(category: $0, children: nodes(under: $0.id, depth: depth + 1)) }
        }
        return nodes(under: nil, depth: 0)
    }
}
