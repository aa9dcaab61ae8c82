import Sellers
import Testing

@Suite struct DuplicateListingTests {
    static let mug = ListingFingerprint(
        listingID: "lst_new", sellerID: "sel_a", title: "Nordic Ceramics Stoneware Mug, 350 ml",
        brand: "Nordic Ceramics",
        gtin: "4006381333931", categoryID: "cat_mugs", variantAttributes: ["Colour": "Sand"])

    static func existing(
        _ id: String, seller: String? = "sel_b", title: String = "Stoneware mug 350ml – Nordic Ceramics",
        brand: String? = nil, gtin: String? = nil, category: String = "cat_mugs",
        attributes: [String: String] = [:]
    ) -> ListingFingerprint {
        ListingFingerprint(
            listingID: id, sellerID: seller, title: title, brand: brand, gtin: gtin, categoryID: category,
            variantAttributes: attributes)
    }

    @Test(
        "title similarity is the share of distinct words in common, in per mille",
        arguments: [
            ("Apple iPhone 15 Pro 256GB", "iPhone 15 Pro (256 GB)", 833),
            ("Nike Air Max 90 White", "Nike Air Max 95 White", 666),
            ("The Hobbit, new", "hobbit", 1_000),
            ("Mug with handle", "HANDLE — mug!", 1_000),
            ("Große Tasse für Kaffee", "grosse tasse kaffee", 1_000),
            ("Red mug", "Blue plate", 0),
            ("the", "The", 1_000),
            ("!!!", "!!!", 0),
            ("", "mug", 0),
        ] as [(String, String, Int)]
    )
    func similarity(lhs: String, rhs: String, score: Int) {
        #expect(DuplicateListing.titleSimilarity(lhs, rhs) == score)
        #expect(DuplicateListing.titleSimilarity(rhs, lhs) == score)
    }

    @Test("the same barcode is certain, across categories and titles, and an EAN-13 matches its GTIN-14")
    func sameGTIN() {
        let other = Self.existing(
            "lst_1", title: "Becher", gtin: "0 4006381 33393 1", category: "cat_kitchen")
        #expect(
            DuplicateListing.matches(for: Self.mug, among: [other])
                == [DuplicateMatch(listingID: "lst_1", score: 1_000, basis: .gtin, owner: .existingProduct)])

        let upc = Self.existing("lst_2", gtin: "036000291452")
        var withUPC = Self.mug
        withUPC.gtin = "00036000291452"
        #expect(DuplicateListing.matches(for: withUPC, among: [upc]).map(\.basis) == [.gtin])
    }

    @Test("two different valid barcodes are different products, however alike the titles")
    func differentGTIN() {
        let other = Self.existing("lst_1", title: Self.mug.title, gtin: "036000291452")
        #expect(DuplicateListing.matches(for: Self.mug, among: [other]) == [])
    }

    @Test(
        "an invalid barcode is ignored and the title decides",
        arguments: ["4006381333932", "0000000000000", "12345", "40063813339311", "4006381333931x"]
    )
    func invalidGTIN(_ gtin: String) {
        let sameTitle = Self.existing("lst_1", title: Self.mug.title, gtin: gtin)
        #expect(DuplicateListing.matches(for: Self.mug, among: [sameTitle]).map(\.basis) == [.title])

        let otherTitle = Self.existing("lst_2", title: "Espresso cup", gtin: Self.mug.gtin)
        var invalid = Self.mug
        invalid.gtin = gtin
        #expect(DuplicateListing.matches(for: invalid, among: [otherTitle]) == [])
    }

    @Test("a similar title counts only in the same category, with the same brand and variant")
    func titleRules() {
        var new = Self.mug
        new.gtin = nil
        #expect(
            DuplicateListing.matches(for: new, among: [Self.existing("lst_1")])
                == [DuplicateMatch(listingID: "lst_1", score: 1_000, basis: .title, owner: .existingProduct)])
        #expect(DuplicateListing.matches(for: new, among: [Self.existing("lst_1", category: "cat_cups")]) == [])
        #expect(DuplicateListing.matches(for: new, among: [Self.existing("lst_1", brand: "IKEA")]) == [])
        #expect(
            DuplicateListing.matches(for: new, among: [Self.existing("lst_1", brand: "nordic  CERAMICS")]).count == 1)
        #expect(
            DuplicateListing.matches(for: new, among: [Self.existing("lst_1", attributes: ["colour": "Blue"])]) == [])
        #expect(
            DuplicateListing.matches(for: new, among: [Self.existing("lst_1", attributes: ["colour": "sand"])]).count
                == 1)
        // An attribute only one side states tells nothing apart.
        #expect(
            DuplicateListing.matches(for: new, among: [Self.existing("lst_1", attributes: ["size": "L"])]).count == 1)
        #expect(
            DuplicateListing.matches(
                for: new, among: [Self.existing("lst_1", title: "Nordic Ceramics espresso cup 90 ml")]) == [])
    }

    @Test("the threshold is reached, never rounded up to")
    func threshold() {
        var new = Self.mug
        new.gtin = nil
        new.title = "Apple iPhone 15 Pro 256GB"
        let other = Self.existing("lst_1", title: "iPhone 15 Pro (256 GB)")
        #expect(DuplicateListing.matches(for: new, among: [other], threshold: 833).map(\.score) == [833])
        #expect(DuplicateListing.matches(for: new, among: [other], threshold: 834) == [])
    }

    @Test("matches come by score, then listing ID, whatever the input order")
    func ordering() {
        var new = Self.mug
        new.gtin = nil
        let pool = [
            Self.existing("lst_c", title: "Nordic Ceramics stoneware mug 350 ml sand"),
            Self.existing("lst_b", seller: nil),
            Self.existing("lst_a", seller: "sel_c", category: "cat_cups"),
            Self.existing("lst_d"),
        ]
        let expected = ["lst_b", "lst_d", "lst_c"]
        #expect(DuplicateListing.matches(for: new, among: pool).map(\.listingID) == expected)
        #expect(DuplicateListing.matches(for: new, among: pool.reversed()).map(\.listingID) == expected)
        #expect(DuplicateListing.matches(for: new, among: pool).map(\.score) == [1_000, 1_000, 857])
    }

    @Test("the seller's own listing is refused or merged; another's or the catalogue's is offered on")
    func advice() {
        var new = Self.mug
        new.gtin = nil
        let own = Self.existing("lst_own", seller: "sel_a")
        let theirs = Self.existing("lst_theirs", seller: "sel_b")
        let catalogue = Self.existing("prod_1", seller: nil)

        #expect(
            DuplicateListing.advice(for: new, among: [theirs, own, catalogue])
                == .alreadyListed([
                    DuplicateMatch(listingID: "lst_own", score: 1_000, basis: .title, owner: .sameSeller)
                ]))
        #expect(
            DuplicateListing.advice(for: new, among: [theirs, catalogue])
                == .offerOnExisting([
                    DuplicateMatch(listingID: "lst_theirs", score: 1_000, basis: .title, owner: .existingProduct),
                    DuplicateMatch(listingID: "prod_1", score: 1_000, basis: .title, owner: .existingProduct),
                ]))
        #expect(DuplicateListing.advice(for: new, among: []) == .unique)
        // Checking an edit again does not find the listing itself.
        #expect(DuplicateListing.advice(for: new, among: [Self.existing("lst_new", seller: "sel_a")]) == .unique)
    }
}
