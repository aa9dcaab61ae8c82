import Foundation

/// The demo shop's catalogue, generated here from word lists and a fixed seed (nothing is copied or
/// downloaded), as the CSV that `torv import products` reads. Same seed, same shop.
enum DemoCatalog {
    struct Line {
        let category: String
        let nouns: [String]
        let options: (name: String, values: [String])?
        let basePrice: ClosedRange<Int>  // euro cents
        let taxClass: String
        /// Shipping weight range in grams.
        let weight: ClosedRange<Int>
        let materials: [String]
    }

    static let lines: [Line] = [
        Line(
            category: "Clothing > Shirts", nouns: ["Tee", "Oxford Shirt", "Linen Shirt", "Polo", "Henley"],
            options: ("Size", ["S", "M", "L", "XL"]), basePrice: 1_900...6_900, taxClass: "standard", weight: 150...400,
            materials: ["Organic cotton", "Linen", "Merino"]),
        Line(
            category: "Clothing > Knitwear", nouns: ["Cardigan", "Crew Jumper", "Roll Neck", "Vest"],
            options: ("Size", ["S", "M", "L"]), basePrice: 4_900...12_900, taxClass: "standard", weight: 300...900,
            materials: ["Merino", "Lambswool", "Cotton"]),
        Line(
            category: "Shoes", nouns: ["Runner", "Loafer", "Boot", "Sandal"],
            options: ("Size", ["39", "40", "41", "42", "43", "44"]), basePrice: 5_900...17_900, taxClass: "standard",
            weight: 600...1_400, materials: ["Leather", "Suede", "Canvas"]),
        Line(
            category: "Home > Kitchen", nouns: ["Mug", "Pour-over Kettle", "Chef Knife", "Cutting Board", "Teapot"],
            options: nil, basePrice: 900...8_900, taxClass: "standard", weight: 200...2_500,
            materials: ["Stoneware", "Steel", "Oak"]),
        Line(
            category: "Home > Textiles", nouns: ["Throw", "Cushion", "Linen Towel", "Tablecloth"],
            options: ("Colour", ["Sand", "Moss", "Slate"]), basePrice: 1_900...7_900, taxClass: "standard",
            weight: 300...1_800, materials: ["Linen", "Wool", "Cotton"]),
        Line(
            category: "Books", nouns: ["Field Guide", "Cookbook", "Atlas", "Notebook"], options: nil,
            basePrice: 1_200...4_500, taxClass: "reduced", weight: 250...1_200, materials: ["Paper"]),
        Line(
            category: "Garden", nouns: ["Trowel", "Watering Can", "Seed Tin", "Planter"], options: nil,
            basePrice: 700...5_900, taxClass: "standard", weight: 150...3_000,
            materials: ["Steel", "Terracotta", "Zinc"]),
    ]

    static let adjectives = [
        "Nordic", "Harbour", "Alder", "Fjord", "Meadow", "Granite", "Saltmarsh", "Birch", "Cobalt", "Heath",
        "Juniper", "Linden", "Moor", "Rowan", "Tidal", "Willow", "Ember", "Quarry",
    ]
    static let brands = ["Torvhus", "Nord & Co", "Ashgrove", "Kestrel", "Lindqvist", "Fjellrev"]

    static let productCount = 300

    /// Roughly `count` products across the lines, with variants, base prices in EUR and SEK on the
    /// web and app channels, and a handful of drafts and "coming soon" products.
    static func csv(count: Int = productCount) -> String {
        generate(count: count).csv
    }

    /// The CSV, every SKU it defines in file order, and what the shop paid per unit of each (in EUR
    /// cents: 40 % of the EUR price, a common margin for the lines sold).
    static func generate(count: Int = productCount) -> (csv: String, skus: [String], unitCosts: [String: Int]) {
        var skus: [String] = []
        var unitCosts: [String: Int] = [:]
        var random = SeededRandom(seed: 2026)
        var rows = [
            "handle,title,description,brand,status,category,tax_class,purchasable_from,channels,"
                + "option1_name,option1_value,sku,weight_grams,channel,currency,price,image_url,image_alt,"
                + "attribute:material:text"
        ]
        var used = Set<String>()
        var made = 0
        while made < count {
            let line = lines[made % lines.count]
            let noun = line.nouns[random.next(below: line.nouns.count)]
            let title = "\(adjectives[random.next(below: adjectives.count)]) \(noun)"
            let handle = title.lowercased().replacingOccurrences(of: " ", with: "-")
            guard used.insert(handle).inserted else { continue }
            made += 1
            let brand = brands[random.next(below: brands.count)]
            let cents =
                line.basePrice.lowerBound
                + random.next(below: (line.basePrice.upperBound - line.basePrice.lowerBound) / 100) * 100 - 1
            let status = made % 17 == 0 ? "draft" : "published"
            let comingSoon = made % 23 == 0 ? "2030-01-01T00:00:00Z" : ""
            let description = "\(title) by \(brand): made to last, easy to mend, \(noun.lowercased()) for every day."
            let weight = line.weight.lowerBound + random.next(below: line.weight.upperBound - line.weight.lowerBound)
            let material = line.materials[random.next(below: line.materials.count)]
            let values = line.options?.values ?? [""]
            for (index, value) in values.enumerated() {
                let sku = (handle.uppercased() + (value.isEmpty ? "" : "-\(value.uppercased())"))
                    .replacingOccurrences(of: "&", with: "")
                skus.append(sku)
                unitCosts[sku] = cents * 40 / 100
                for (channel, currency, price) in [
                    ("web", "EUR", cents), ("app", "EUR", cents), ("web", "SEK", cents * 11 / 100 * 100),
                ] {
                    let first = index == 0 && channel == "web" && currency == "EUR"
                    rows.append(
                        [
                            handle, first ? title : "", first ? description : "", first ? brand : "",
                            first ? status : "", first ? line.category : "", first ? line.taxClass : "",
                            first ? comingSoon : "", first ? "web|app" : "", line.options?.name ?? "", value, sku,
                            String(weight), channel, currency, decimal(price), first ? imageURL(handle) : "",
                            first ? title : "", first ? material : "",
                        ].map(quoted).joined(separator: ","))
                }
            }
        }
        return (rows.joined(separator: "\n") + "\n", skus, unitCosts)
    }

    /// Pictures Torv draws itself (see `DemoPictures` in TorvHTTP), so the demo needs no network.
    static func imageURL(_ handle: String) -> String {
        "/media/demo/\(handle).svg"
    }

    static func decimal(_ cents: Int) -> String {
        String(format: "%d.%02d", cents / 100, cents % 100)
    }

    static func quoted(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

/// A small deterministic generator (SplitMix64), so the demo is the same on every machine.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(bound, 1)))
    }
}
