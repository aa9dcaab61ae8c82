extension OpenAPIReader {
    /// One section per `components.schemas` entry, alphabetically, each listing its properties.
    func schemaSections() -> [SchemaSection] {
        let schemas = document["components"]?["schemas"]?.object ?? [:]
        return schemas.keys.sorted().map { name in
            let schema = schemas[name] ?? .null
            let description = schema["description"]?.string ?? ""
            let properties = propertyRows(schema)
            let enumValues = Self.enumValues(schema)
            return SchemaSection(
                schemaName: name,
                schemaAnchor: anchor("schema", name),
                schemaDescription: description,
                hasSchemaDescription: !description.isEmpty,
                schemaType: typeSegments(schema),
                properties: properties,
                hasProperties: !properties.isEmpty,
                schemaEnum: enumValues,
                hasSchemaEnum: !enumValues.isEmpty
            )
        }
    }

    /// The schema's own properties, and those of inline `allOf` members (a common way to extend a schema).
    func propertyRows(_ schema: JSONValue) -> [PropertyRow] {
        let inlineMembers = (schema["allOf"]?.array ?? []).filter { $0["$ref"] == nil }
        return ([schema] + inlineMembers).flatMap { part -> [PropertyRow] in
            let properties = part["properties"]?.object ?? [:]
            let required = Set((part["required"]?.array ?? []).compactMap(\.string))
            return properties.keys.sorted().map { name in
                let property = properties[name] ?? .null
                let enumValues = Self.enumValues(property)
                return PropertyRow(
                    propertyName: name,
                    propertyType: typeSegments(property),
                    propertyRequired: required.contains(name),
                    propertyDescription: property["description"]?.string ?? "",
                    propertyEnum: enumValues,
                    hasPropertyEnum: !enumValues.isEmpty
                )
            }
        }
    }

    static func enumValues(_ schema: JSONValue) -> [EnumValue] {
        if let constant = schema["const"] { return [EnumValue(enumValue: constant.scalarText)] }
        return (schema["enum"]?.array ?? []).map { EnumValue(enumValue: $0.scalarText) }
    }

    /// A schema in words, with `$ref`s to `#/components/schemas/X` as links:
    /// `array of [Line]`, `string (date-time)`, `one of [Card], [Transfer]`, `integer or null`.
    func typeSegments(_ schema: JSONValue?) -> [TypeSegment] {
        guard let schema, schema != .null else { return [.text("any")] }
        if case .bool(let accepts) = schema { return [.text(accepts ? "any" : "nothing")] }
        if let reference = schema["$ref"]?.string {
            return [Self.link(reference)]
        }
        for (keyword, wording) in [("oneOf", "one of "), ("anyOf", "any of "), ("allOf", "all of ")] {
            guard let members = schema[keyword]?.array, !members.isEmpty else { continue }
            var segments: [TypeSegment] = [.text(wording)]
            for (index, member) in members.enumerated() {
                if index > 0 { segments.append(.text(", ")) }
                segments += typeSegments(member)
            }
            return segments
        }
        // OpenAPI 3.1 allows a list of types; "null" among them reads best last ("string or null").
        let types = schema["type"]?.string.map { [$0] } ?? (schema["type"]?.array ?? []).compactMap(\.string)
        let nonNull = types.filter { $0 != "null" }
        var segments: [TypeSegment]
        switch nonNull.first {
        case "array" where nonNull.count == 1:
            segments = [.text("array of ")] + typeSegments(schema["items"])
        case "object" where nonNull.count == 1 && schema["additionalProperties"]?.object != nil:
            segments = [.text("map of ")] + typeSegments(schema["additionalProperties"])
        case nil:
            segments = [.text(schema["properties"] != nil ? "object" : schema["enum"] != nil ? "enum" : "any")]
        default:
            segments = [.text(nonNull.joined(separator: " or "))]
        }
        if let format = schema["format"]?.string {
            segments.append(.text(" (\(format))"))
        }
        if types.contains("null") {
            segments.append(.text(" or null"))
        }
        return segments
    }

    /// A link to the Schemas section for `#/components/schemas/X`; any other reference is shown as text.
    static func link(_ reference: String) -> TypeSegment {
        let prefix = "#/components/schemas/"
        guard reference.hasPrefix(prefix) else { return .text(reference) }
        let name = String(reference.dropFirst(prefix.count)).replacing("~1", with: "/").replacing("~0", with: "~")
        return .link(name, to: anchor("schema", name))
    }
}
