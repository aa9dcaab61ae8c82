/// The `/docs` page as plain values. Every decision (ordering, `$ref` links, type wording) is made here,
/// in Swift, so `docs.mustache` stays logic-less.
///
/// Rule for these types: no optionals, and field names unique across levels. Mustache looks a missing or
/// `nil` name up in the enclosing objects, so a parameter without a description would otherwise show its
/// operation's description.
struct APIReferencePage {
    var title: String
    var version: String
    var summary: String
    var hasSummary: Bool
    var stylesheetURL: String
    var tags: [TagSection]
    var schemas: [SchemaSection]
    var hasSchemas: Bool
}

struct TagSection {
    var tagName: String
    var tagAnchor: String
    var tagDescription: String
    var hasTagDescription: Bool
    var operations: [OperationEntry]
}

struct OperationEntry {
    var operationAnchor: String
    var method: String
    /// Lower-case method, the CSS class that colours the badge.
    var methodClass: String
    var path: String
    var operationSummary: String
    var hasOperationSummary: Bool
    var operationDescription: String
    var hasOperationDescription: Bool
    var operationId: String
    var hasOperationId: Bool
    var permission: String
    var hasPermission: Bool
    var isDeprecated: Bool
    var parameters: [ParameterRow]
    var hasParameters: Bool
    var hasRequestBody: Bool
    var requestBodyRequired: Bool
    var requestBodyDescription: String
    var hasRequestBodyDescription: Bool
    var requestBodyContent: [ContentEntry]
    var responses: [ResponseRow]
}

struct ParameterRow {
    var parameterName: String
    var location: String
    var parameterRequired: Bool
    var parameterType: [TypeSegment]
    var parameterDescription: String
}

struct ContentEntry {
    var mediaType: String
    var contentType: [TypeSegment]
}

struct ResponseRow {
    var statusCode: String
    /// `success`, `redirect`, `client-error`, `server-error` or `other`: the CSS class of the status.
    var statusClass: String
    var responseDescription: String
    var responseContent: [ContentEntry]
}

struct SchemaSection {
    var schemaName: String
    var schemaAnchor: String
    var schemaDescription: String
    var hasSchemaDescription: Bool
    var schemaType: [TypeSegment]
    var properties: [PropertyRow]
    var hasProperties: Bool
    var schemaEnum: [EnumValue]
    var hasSchemaEnum: Bool
}

struct PropertyRow {
    var propertyName: String
    var propertyType: [TypeSegment]
    var propertyRequired: Bool
    var propertyDescription: String
    var propertyEnum: [EnumValue]
    var hasPropertyEnum: Bool
}

struct EnumValue {
    var enumValue: String
}

/// One piece of a type's wording: plain text ("array of ") or a link to a schema ("Order").
struct TypeSegment {
    var segmentText: String
    var isLink: Bool
    var linkTarget: String

    static func text(_ text: String) -> TypeSegment {
        TypeSegment(segmentText: text, isLink: false, linkTarget: "")
    }

    static func link(_ text: String, to anchor: String) -> TypeSegment {
        TypeSegment(segmentText: text, isLink: true, linkTarget: anchor)
    }
}

/// A fragment identifier made only of `[a-z0-9-]`, so it is valid and needs no escaping in `href`/`id`.
func anchor(_ prefix: String, _ name: String) -> String {
    let slug = name.lowercased().unicodeScalars.map { scalar -> String in
        switch scalar {
        case "a"..."z", "0"..."9": String(scalar)
        default: "-"
        }
    }.joined()
    return "\(prefix)-\(slug)"
}
