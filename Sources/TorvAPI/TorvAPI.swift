public import Foundation

/// The spec-first API document. Types and the server protocol are generated from `openapi.yaml`
/// at build time (see `openapi-generator-config.yaml`); the file itself ships as a resource so the
/// server can publish it at `/openapi.json` and render `/docs` from the same source.
public enum APIDocument {
    public static var yamlURL: URL? {
        Bundle.module.url(forResource: "openapi", withExtension: "yaml")
    }
}
