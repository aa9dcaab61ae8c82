import Catalog
import Testing

@Suite("Variant matrix")
struct VariantMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let axes: [VariantMatrix.Axis]
        let expected: [[String]]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "no options give one default variant", axes: [], expected: [[]]),
        Case(
            name: "an option without values gives none", axes: [.init("size", ["s"]), .init("colour", [])], expected: []
        ),
        Case(
            name: "one option gives one variant per value", axes: [.init("size", ["s", "m"])], expected: [["s"], ["m"]]),
        Case(
            name: "the first option varies slowest",
            axes: [.init("size", ["s", "m"]), .init("colour", ["red", "blue"])],
            expected: [["s", "red"], ["s", "blue"], ["m", "red"], ["m", "blue"]]),
        Case(name: "repeated values count once", axes: [.init("size", ["s", "s", "m"])], expected: [["s"], ["m"]]),
        Case(
            name: "three options multiply",
            axes: [.init("a", ["1", "2"]), .init("b", ["x", "y", "z"]), .init("c", ["p", "q"])],
            expected: ["1", "2"].flatMap { a in ["x", "y", "z"].flatMap { b in ["p", "q"].map { [a, b, $0] } } }),
    ]

    @Test("combinations", arguments: cases)
    func combinations(_ testCase: Case) {
        let result = VariantMatrix.combinations(testCase.axes)
        #expect(result.map { $0.map(\.value) } == testCase.expected)
        for combination in result {
            #expect(combination.map(\.optionType) == testCase.axes.map(\.optionType))
        }
    }

    @Test("SKUs are built from the base and the value codes")
    func skus() {
        #expect(
            VariantMatrix.sku(base: "TEE", for: [OptionChoice("size", "m"), OptionChoice("colour", "navy_blue")])
                == "TEE-M-NAVY_BLUE")
        #expect(VariantMatrix.sku(base: "MUG", for: []) == "MUG")
    }

    @Test("the signature ignores option order")
    func signature() {
        let one = VariantMatrix.signature(of: [OptionChoice("size", "m"), OptionChoice("colour", "red")])
        let other = VariantMatrix.signature(of: [OptionChoice("colour", "red"), OptionChoice("size", "m")])
        #expect(one == other)
        #expect(one == "colour=red;size=m")
        #expect(VariantMatrix.signature(of: []) == "")
    }
}
