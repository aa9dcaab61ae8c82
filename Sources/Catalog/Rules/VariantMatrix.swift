/// Variants generated from option values: the cartesian product of the chosen values.
public enum VariantMatrix {
    /// One option axis: an option type and the values to combine, in display order.
    public struct Axis: Sendable, Hashable {
        public var optionType: String
        public var values: [String]

        public init(_ optionType: String, _ values: [String]) {
            self.optionType = optionType
            self.values = values
        }
    }

    /// Every combination, the first axis varying slowest (S/red, S/blue, M/red, M/blue), as a size
    /// chart reads. No axes give one empty combination (a product's single default variant); an axis
    /// without values gives none. Repeated values count once.
    public static func combinations(_ axes: [Axis]) -> [[OptionChoice]] {
        axes.reduce([[OptionChoice]]([[]])) { partial, axis in
            var seen = Set<String>()
            let values = axis.values.filter { seen.insert($0).inserted }
            return partial.flatMap { prefix in values.map { prefix + [OptionChoice(axis.optionType, $0)] } }
        }
    }

    /// A SKU from a base and the value codes: `TEE` + size `m`, colour `navy_blue` → `TEE-M-NAVY_BLUE`.
    public static func sku(base: String, for choices: [OptionChoice]) -> String {
        ([base] + choices.map { $0.value.uppercased() }).joined(separator: "-")
    }

    /// The key that makes two variants of one product with the same options collide:
    /// choices sorted by option type, `colour=red;size=m`. Empty for a product without options.
    public static func signature(of choices: [OptionChoice]) -> String {
        choices.sorted { $0.optionType < $1.optionType }.map { "\($0.optionType)=\($0.value)" }
            .joined(separator: ";")
    }
}
