import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG parsed as a standalone XML document: parsing at all is the well-formedness check. Elements are
/// copied into plain values so the tests need no XML API (and no FoundationXML import) of their own.
struct ParsedSVG {
    let root: SVGElement
    let elements: [SVGElement]
    let width: Double
    let height: Double

    init(_ markup: String) throws {
        let document = try XMLDocument(xmlString: markup, options: [])
        guard let root = document.rootElement() else { throw InspectionError.noRoot }
        var found: [SVGElement] = []
        var pending = [root]
        while let element = pending.popLast() {
            found.append(SVGElement(element))
            pending += (element.children ?? []).compactMap { $0 as? XMLElement }.reversed()
        }
        guard let first = found.first else { throw InspectionError.noRoot }
        let box = (first.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        guard box.count == 4 else { throw InspectionError.badViewBox(first.attributes) }
        self.root = first
        self.elements = found
        self.width = box[2]
        self.height = box[3]
    }

    func elements(named name: String) -> [SVGElement] {
        elements.filter { $0.name == name }
    }

    var classNames: Set<String> {
        Set(elements.flatMap(\.classes))
    }

    enum InspectionError: Error {
        case noRoot
        case badViewBox([String: String])
    }
}

struct SVGElement {
    let name: String
    let attributes: [String: String]
    let text: String

    init(_ element: XMLElement) {
        name = element.localName ?? element.name ?? ""
        text = element.stringValue ?? ""
        var attributes: [String: String] = [:]
        for attribute in element.attributes ?? [] {
            if let key = attribute.name { attributes[key] = attribute.stringValue ?? "" }
        }
        self.attributes = attributes
    }

    func number(_ attribute: String) -> Double? {
        attributes[attribute].flatMap { Double($0) }
    }

    var classes: [String] {
        (attributes["class"] ?? "").split(separator: " ").map(String.init)
    }
}

enum PackageFiles {
    /// The package root, found from this file so tests do not depend on the working directory.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var stylesheet: String {
        let path = "Sources/TorvHTTP/Templates/pages/charts.css"
        return (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
