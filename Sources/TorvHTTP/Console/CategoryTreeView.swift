import Catalog
import Foundation
import TorvCore

/// The category tree as nested lists, each category leading to its products, and the form that adds one.
struct CategoryTreeView {
    struct Node {
        let nodeName: String
        let nodeSlug: String
        let nodeProductsHref: String
        let nodeChildren: [Node]
        let hasChildren: Bool

        init(_ node: CategoryNode) {
            nodeName = node.category.name
            nodeSlug = node.category.slug
            nodeProductsHref = "/admin/catalog?category=\(node.category.id.rawValue)"
            nodeChildren = node.children.map(Node.init)
            hasChildren = !node.children.isEmpty
        }
    }

    struct ParentOption {
        let parentValue: String
        let parentLabel: String
        let parentSelected: Bool
    }

    let nodes: [Node]
    let hasNodes: Bool
    let mayAddCategory: Bool
    let parentOptions: [ParentOption]
    let typedCategoryName: String
    let typedCategorySlug: String
    let categoryError: String?
    let categoryNotice: String?
    let categoryKey = FormGuard.randomToken()

    init(tree: [CategoryNode], mayManage: Bool, failed: FormData?, error: String?, notice: String?) {
        nodes = tree.map(Node.init)
        hasNodes = !tree.isEmpty
        mayAddCategory = mayManage
        let chosen = failed?["parent"] ?? ""
        // Every category as a possible parent, indented by its depth so the select reads as the tree.
        func flatten(_ nodes: [CategoryNode], depth: Int) -> [ParentOption] {
            nodes.flatMap { node in
                [
                    ParentOption(
                        parentValue: node.category.id.rawValue,
                        parentLabel: String(repeating: "— ", count: depth) + node.category.name,
                        parentSelected: node.category.id.rawValue == chosen)
                ] + flatten(node.children, depth: depth + 1)
            }
        }
        parentOptions =
            [ParentOption(parentValue: "", parentLabel: "None (a top-level category)", parentSelected: chosen.isEmpty)]
            + flatten(tree, depth: 0)
        typedCategoryName = failed?["name"] ?? ""
        typedCategorySlug = failed?["slug"] ?? ""
        categoryError = error
        categoryNotice = notice
    }
}
