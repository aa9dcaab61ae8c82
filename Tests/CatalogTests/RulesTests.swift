import Catalog
import Foundation
import Testing

@Suite("Catalogue rules")
struct RulesTests {
    @Test(
        "slugs from titles",
        arguments: [
            ("Linen Shirt", "linen-shirt"), ("  Crème Brûlée!  ", "creme-brulee"),
            ("T-Shirt -- 2 Pack", "t-shirt-2-pack"),
            ("日本", ""), ("ÅÄÖ åäö", "aao-aao"),
        ])
    func slugs(title: String, slug: String) {
        #expect(Slug.make(from: title) == slug)
    }

    @Test(
        "slug validity",
        arguments: [
            ("linen-shirt", true), ("a", true), ("a1-b2", true), ("Linen", false), ("-a", false), ("a-", false),
            ("a--b", false), ("a b", false), ("", false), ("ä", false),
        ])
    func slugValidity(slug: String, valid: Bool) {
        #expect(Slug.isValid(slug) == valid)
    }

    @Test(
        "GTIN check digits",
        arguments: [
            ("4006381333931", true), ("4006381333932", false), ("036000291452", true), ("96385074", true),
            ("10614141000415", true), ("400638133393", false), ("40063813339a1", false), ("", false),
        ])
    func gtin(code: String, valid: Bool) {
        #expect(Barcode.isValidGTIN(code) == valid)
    }

    @Test("SKUs are printable ASCII without spaces and compared ignoring case")
    func skus() {
        #expect(SKU.isValid("TEE-M-RED"))
        #expect(!SKU.isValid("TEE M"))
        #expect(!SKU.isValid(""))
        #expect(!SKU.isValid("TÉE"))
        #expect(!SKU.isValid(String(repeating: "A", count: 65)))
        #expect(SKU.key("tee-m") == SKU.key("TEE-M"))
    }

    @Test(
        "attribute values parse by kind",
        arguments: [
            ("6.10", AttributeKind.number, AttributeValue.number(Decimal(string: "6.1")!)),
            ("-3", .number, .number(-3)),
            ("true", .boolean, .boolean(true)),
            ("cotton", .text, .text("cotton")),
        ])
    func attributeParsing(text: String, kind: AttributeKind, expected: AttributeValue) {
        #expect(AttributeValue(parsing: text, as: kind) == expected)
    }

    @Test(
        "malformed attribute values are refused",
        arguments: [
            ("12abc", AttributeKind.number), ("1e5", .number), ("1,5", .number), ("", .number), (".5", .number),
            ("yes", .boolean), ("True", .boolean),
        ])
    func attributeRefusals(text: String, kind: AttributeKind) {
        #expect(AttributeValue(parsing: text, as: kind) == nil)
    }

    @Test("attribute values encode as bare JSON values and back")
    func attributeJSON() throws {
        let values: [String: AttributeValue] = [
            "material": .text("cotton"), "inches": .number(6.5), "waterproof": .boolean(true),
        ]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([String: AttributeValue].self, from: data) == values)
        #expect(String(decoding: data, as: UTF8.self).contains("\"waterproof\":true"))
    }

    @Test("the product life cycle")
    func statusMoves() {
        #expect(ProductStatus.draft.canMove(to: .published))
        #expect(ProductStatus.published.canMove(to: .archived))
        #expect(ProductStatus.published.canMove(to: .draft))
        #expect(ProductStatus.archived.canMove(to: .draft))
        #expect(!ProductStatus.archived.canMove(to: .published))
        #expect(!ProductStatus.draft.canMove(to: .draft))
    }

    @Test("a published product is purchasable once its sale has started")
    func purchasableFrom() {
        var product = Product(
            id: .fixed(1), details: ProductDetails(title: "Launch", purchasableFrom: .days(3)), status: .published,
            optionTypes: [], channels: ["web"], createdAt: .reference, updatedAt: .reference)
        #expect(product.isVisible)
        #expect(!product.isPurchasable(at: .days(2)))
        #expect(product.isPurchasable(at: .days(3)))
        product.status = .draft
        #expect(!product.isPurchasable(at: .days(4)))
    }
}

@Suite("Category tree rules")
struct CategoryTreeTests {
    // clothing ─┬─ shirts ── formal
    //           └─ trousers
    // garden
    static let clothing = Category(
        id: .fixed(1), parentID: nil, name: "Clothing", slug: "clothing", position: 0, createdAt: .reference)
    static let shirts = Category(
        id: .fixed(2), parentID: clothing.id, name: "Shirts", slug: "shirts", position: 1, createdAt: .reference)
    static let formal = Category(
        id: .fixed(3), parentID: shirts.id, name: "Formal", slug: "formal", position: 0, createdAt: .reference)
    static let trousers = Category(
        id: .fixed(4), parentID: clothing.id, name: "Trousers", slug: "trousers", position: 0, createdAt: .reference)
    static let garden = Category(
        id: .fixed(5), parentID: nil, name: "Garden", slug: "garden", position: 1, createdAt: .reference)
    static let all = [clothing, shirts, formal, trousers, garden]
    static let parents = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.parentID) })

    @Test("moving under itself or a descendant is a cycle; elsewhere it is not")
    func cycles() {
        #expect(CategoryTree.wouldCreateCycle(moving: Self.clothing.id, under: Self.clothing.id, parents: Self.parents))
        #expect(CategoryTree.wouldCreateCycle(moving: Self.clothing.id, under: Self.formal.id, parents: Self.parents))
        #expect(CategoryTree.wouldCreateCycle(moving: Self.shirts.id, under: Self.formal.id, parents: Self.parents))
        #expect(!CategoryTree.wouldCreateCycle(moving: Self.shirts.id, under: Self.garden.id, parents: Self.parents))
        #expect(!CategoryTree.wouldCreateCycle(moving: Self.formal.id, under: nil, parents: Self.parents))
        #expect(!CategoryTree.wouldCreateCycle(moving: Self.formal.id, under: Self.clothing.id, parents: Self.parents))
    }

    @Test("a corrupt tree with a loop is reported, not looped over")
    func corruptLoop() {
        var parents = Self.parents
        parents[Self.clothing.id] = Self.formal.id
        #expect(CategoryTree.wouldCreateCycle(moving: Self.garden.id, under: Self.shirts.id, parents: parents))
    }

    @Test("subtrees, paths and the ordered forest")
    func shapes() {
        #expect(
            CategoryTree.subtree(of: Self.clothing.id, in: Self.all) == [
                Self.clothing.id, Self.shirts.id, Self.formal.id, Self.trousers.id,
            ])
        #expect(CategoryTree.subtree(of: Self.garden.id, in: Self.all) == [Self.garden.id])
        #expect(CategoryTree.path(of: Self.formal.id, in: Self.all) == ["Clothing", "Shirts", "Formal"])
        let forest = CategoryTree.build(Self.all)
        #expect(forest.map(\.category.name) == ["Clothing", "Garden"])
        #expect(forest[0].children.map(\.category.name) == ["Trousers", "Shirts"])
        #expect(forest[0].children[1].children.map(\.category.name) == ["Formal"])
    }
}
