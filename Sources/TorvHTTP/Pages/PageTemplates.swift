import Foundation
import Mustache

/// The HTML pages' templates (`Templates/pages/*.mustache`) and their static assets (`*.css`, `*.js`,
/// served under `/assets/`), read once at start-up.
///
/// A page template extends a layout with Mustache's template inheritance (`{{<shop-layout}}`), so every
/// page shares one head, header and footer. View models are plain structs; Mustache's `{{ }}` escapes every
/// value, so nothing a shopper or seller typed can become markup.
struct PageTemplates: Sendable {
    private let library: MustacheLibrary
    let assets: [String: PageAsset]

    init(directory: URL) throws {
        let pages = directory.appending(path: "pages")
        let files = try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted()
        var templates: [String: MustacheTemplate] = [:]
        var assets: [String: PageAsset] = [:]
        for file in files {
            guard let data = FileManager.default.contents(atPath: pages.appending(path: file).path) else {
                throw APIReferenceError.missingTemplate(file)
            }
            let text = String(decoding: data, as: UTF8.self)
            if file.hasSuffix(".mustache") {
                templates[String(file.dropLast(".mustache".count))] = try MustacheTemplate(string: text)
            } else if file.hasSuffix(".css") {
                assets[file] = PageAsset(contentType: "text/css; charset=utf-8", body: text)
            } else if file.hasSuffix(".js") {
                assets[file] = PageAsset(contentType: "text/javascript; charset=utf-8", body: text)
            }
        }
        self.library = MustacheLibrary(templates: templates)
        self.assets = assets
    }

    func render(_ view: Any, _ template: String) throws -> String {
        guard let html = library.render(view, withTemplate: template) else {
            throw APIReferenceError.missingTemplate(template + ".mustache")
        }
        return html
    }
}

struct PageAsset: Sendable {
    let contentType: String
    let body: String
}
