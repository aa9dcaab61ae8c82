extension APIReferencePage {
    /// Reads the parts of an OpenAPI 3.1 document the reference shows. Whatever is missing or malformed is
    /// shown as absent rather than refused: a docs page that fails on one odd schema helps nobody.
    init(document: JSONValue, stylesheetURL: String) {
        let reader = OpenAPIReader(document: document)
        let info = document["info"]
        self.title = info?["title"]?.string ?? "API reference"
        self.version = info?["version"]?.string ?? ""
        self.summary = info?["description"]?.string ?? ""
        self.hasSummary = !summary.isEmpty
        self.stylesheetURL = stylesheetURL
        self.tags = reader.tagSections()
        self.schemas = reader.schemaSections()
        self.hasSchemas = !schemas.isEmpty
    }
}

/// Walks an OpenAPI document; one method per part of the page.
struct OpenAPIReader {
    let document: JSONValue

    /// Operations are grouped under their first tag (untagged ones under "Other"), tags in the order the
    /// document declares them, then the undeclared ones alphabetically. JSON objects carry no order, so
    /// paths are sorted and methods follow the order of the OpenAPI path item.
    func tagSections() -> [TagSection] {
        var grouped: [String: [OperationEntry]] = [:]
        let paths = document["paths"]?.object ?? [:]
        for path in paths.keys.sorted() {
            guard let pathItem = paths[path].map(resolve) else { continue }
            for method in Self.methods {
                guard let operation = pathItem[method] else { continue }
                let tag = operation["tags"]?.array?.first?.string ?? Self.untagged
                grouped[tag, default: []].append(
                    operationEntry(method: method, path: path, operation: operation, pathItem: pathItem)
                )
            }
        }
        let declared = (document["tags"]?.array ?? []).compactMap { tag -> (String, String)? in
            guard let name = tag["name"]?.string else { return nil }
            return (name, tag["description"]?.string ?? "")
        }
        let declaredNames = Set(declared.map(\.0))
        let undeclared = grouped.keys.filter { !declaredNames.contains($0) }.sorted { lhs, rhs in
            // "Other" closes the list.
            (lhs == Self.untagged ? 1 : 0, lhs) < (rhs == Self.untagged ? 1 : 0, rhs)
        }
        return (declared + undeclared.map { ($0, "") }).compactMap { name, description in
            guard let operations = grouped[name], !operations.isEmpty else { return nil }
            return TagSection(
                tagName: name == Self.untagged ? "Other" : name,
                tagAnchor: anchor("tag", name),
                tagDescription: description,
                hasTagDescription: !description.isEmpty,
                operations: operations
            )
        }
    }

    func operationEntry(method: String, path: String, operation: JSONValue, pathItem: JSONValue) -> OperationEntry {
        let operationId = operation["operationId"]?.string ?? ""
        let summary = operation["summary"]?.string ?? ""
        let description = operation["description"]?.string ?? ""
        let permission = Self.permission(operation["x-torv-permission"])
        let parameters = self.parameters(operation: operation, pathItem: pathItem)
        let body = operation["requestBody"].map(resolve)
        let bodyDescription = body?["description"]?.string ?? ""
        return OperationEntry(
            operationAnchor: anchor("op", operationId.isEmpty ? "\(method) \(path)" : operationId),
            method: method.uppercased(),
            methodClass: method,
            path: path,
            operationSummary: summary,
            hasOperationSummary: !summary.isEmpty,
            operationDescription: description,
            hasOperationDescription: !description.isEmpty,
            operationId: operationId,
            hasOperationId: !operationId.isEmpty,
            permission: permission,
            hasPermission: !permission.isEmpty,
            isDeprecated: operation["deprecated"]?.bool ?? false,
            parameters: parameters,
            hasParameters: !parameters.isEmpty,
            hasRequestBody: body != nil,
            requestBodyRequired: body?["required"]?.bool ?? false,
            requestBodyDescription: bodyDescription,
            hasRequestBodyDescription: !bodyDescription.isEmpty,
            requestBodyContent: content(body?["content"]),
            responses: responses(operation["responses"])
        )
    }

    /// Path-level parameters apply to every operation unless the operation redefines the same name and
    /// location (OpenAPI 3.1, Path Item Object).
    func parameters(operation: JSONValue, pathItem: JSONValue) -> [ParameterRow] {
        let own = (operation["parameters"]?.array ?? []).map(resolve)
        let ownKeys = Set(own.map { "\($0["in"]?.string ?? "") \($0["name"]?.string ?? "")" })
        let inherited = (pathItem["parameters"]?.array ?? []).map(resolve).filter {
            !ownKeys.contains("\($0["in"]?.string ?? "") \($0["name"]?.string ?? "")")
        }
        return (inherited + own).map { parameter in
            let location = parameter["in"]?.string ?? ""
            return ParameterRow(
                parameterName: parameter["name"]?.string ?? "",
                location: location,
                parameterRequired: location == "path" || (parameter["required"]?.bool ?? false),
                parameterType: typeSegments(parameter["schema"]),
                parameterDescription: parameter["description"]?.string ?? ""
            )
        }
    }

    func content(_ content: JSONValue?) -> [ContentEntry] {
        let media = content?.object ?? [:]
        return media.keys.sorted().map { mediaType in
            ContentEntry(mediaType: mediaType, contentType: typeSegments(media[mediaType]?["schema"]))
        }
    }

    /// Responses by status, numerically, with `default` and ranges (`4XX`) after the exact codes.
    func responses(_ responses: JSONValue?) -> [ResponseRow] {
        let byStatus = responses?.object ?? [:]
        return byStatus.keys.sorted { (Int($0) ?? 1_000, $0) < (Int($1) ?? 1_000, $1) }.map { status in
            let response = byStatus[status].map(resolve)
            let statusClass =
                switch status.first {
                case "2": "success"
                case "3": "redirect"
                case "4": "client-error"
                case "5": "server-error"
                default: "other"
                }
            return ResponseRow(
                statusCode: status,
                statusClass: statusClass,
                responseDescription: response?["description"]?.string ?? "",
                responseContent: content(response?["content"])
            )
        }
    }

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    static let untagged = "\u{0}untagged"

    /// `x-torv-permission` is a permission name, or a list of them (all required).
    static func permission(_ value: JSONValue?) -> String {
        if let single = value?.string { return single }
        return (value?.array ?? []).compactMap(\.string).joined(separator: ", ")
    }

    /// Follows a local `$ref` (`#/components/parameters/Limit`), a few hops at most, so a reference loop
    /// in a broken document ends instead of hanging the page.
    func resolve(_ value: JSONValue) -> JSONValue {
        var current = value
        for _ in 0..<8 {
            guard let reference = current["$ref"]?.string, reference.hasPrefix("#/") else { return current }
            var target: JSONValue? = document
            for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
                let key = String(token).replacing("~1", with: "/").replacing("~0", with: "~")
                target = target?[key]
            }
            guard let target else { return current }
            current = target
        }
        return current
    }
}
