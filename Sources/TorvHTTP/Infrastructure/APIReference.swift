public import Foundation
import Mustache

/// Torv's readable API reference at `/docs`: rendered on the server from the OpenAPI document with
/// `Templates/docs.mustache`, styled by `Templates/docs.css` served as its own file (the CSP forbids inline
/// styles), and needing no JavaScript or CDN. Every value from the document goes through Mustache's
/// `{{ }}` HTML escaping; descriptions are shown as plain text, not Markdown, so a spec author cannot
/// inject markup either.
///
/// The templates ship as the target's resources (`Bundle.module`): deploy the `…_TorvHTTP.resources`
/// directory next to the binary. Rendering is synchronous and cheap; render once at start-up and serve the
/// string, or per request.
public struct APIReference: Sendable {
    /// Where the page expects its stylesheet; serve `stylesheet` there with `Content-Type: text/css`.
    public static let stylesheetPath = "/docs/docs.css"

    public let stylesheet: String
    private let library: MustacheLibrary

    /// Loads the templates bundled with TorvHTTP.
    public init() throws {
        guard let directory = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw APIReferenceError.missingTemplate("Templates")
        }
        try self.init(templatesDirectory: directory)
    }

    /// Loads `docs.mustache`, its partial `docs-type.mustache` and `docs.css` from a directory.
    ///
    /// Read one by one rather than with `MustacheLibrary(directory:)`: that initialiser is `async` and
    /// parses every template in the folder, including other pages' templates this page does not use.
    init(templatesDirectory: URL) throws {
        var templates: [String: MustacheTemplate] = [:]
        for name in ["docs", "docs-type"] {
            templates[name] = try MustacheTemplate(string: Self.read(name + ".mustache", in: templatesDirectory))
        }
        self.library = MustacheLibrary(templates: templates)
        self.stylesheet = try Self.read("docs.css", in: templatesDirectory)
    }

    /// The reference page for an OpenAPI 3.1 document given as JSON.
    /// - Throws: `DecodingError` when `openAPIJSON` is not JSON.
    public func render(openAPIJSON: Data, stylesheetURL: String = APIReference.stylesheetPath) throws -> String {
        let document = try JSONDecoder().decode(JSONValue.self, from: openAPIJSON)
        let page = APIReferencePage(document: document, stylesheetURL: stylesheetURL)
        guard let html = library.render(page, withTemplate: "docs") else {
            throw APIReferenceError.missingTemplate("docs.mustache")
        }
        return html
    }

    private static func read(_ file: String, in directory: URL) throws -> String {
        let url = directory.appending(path: file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw APIReferenceError.missingTemplate(file)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

public enum APIReferenceError: Error, Sendable, Hashable {
    /// A template the page needs is not among the target's resources.
    case missingTemplate(String)
}

/// The `/docs` page for an OpenAPI 3.1 document given as JSON.
public func renderAPIReference(openAPIJSON: Data) throws -> String {
    try APIReference().render(openAPIJSON: openAPIJSON)
}

/// The stylesheet of the `/docs` page, to serve at `APIReference.stylesheetPath`.
public func apiReferenceStylesheet() throws -> String {
    try APIReference().stylesheet
}
