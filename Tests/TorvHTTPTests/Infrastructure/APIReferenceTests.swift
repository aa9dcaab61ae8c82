import Foundation
import Testing
import TorvHTTP

@Suite struct APIReferenceTests {
    /// A small document exercising every part of the page.
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": { "title": "Torv", "version": "1.2.3", "description": "Commerce API." },
          "tags": [
            { "name": "Orders", "description": "Placing and tracking orders." },
            { "name": "Catalog" }
          ],
          "paths": {
            "/v1/store/orders": {
              "post": {
                "tags": ["Orders"],
                "operationId": "placeOrder",
                "summary": "Place an order",
                "description": "Reserves stock <script>alert(1)</script> and charges the buyer.",
                "x-torv-permission": "orders.place",
                "parameters": [
                  { "$ref": "#/components/parameters/IdempotencyKey" },
                  { "name": "dryRun", "in": "query", "schema": { "type": "boolean" } }
                ],
                "requestBody": {
                  "required": true,
                  "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewOrder" } } }
                },
                "responses": {
                  "422": { "description": "Business rules refuse it." },
                  "201": {
                    "description": "Placed.",
                    "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Order" } } }
                  },
                  "default": { "$ref": "#/components/responses/Problem" }
                }
              }
            },
            "/v1/store/orders/{orderID}": {
              "parameters": [ { "name": "orderID", "in": "path", "required": true, "schema": { "type": "string" } } ],
              "get": {
                "tags": ["Orders"],
                "operationId": "getOrder",
                "responses": { "200": { "description": "The order." } }
              }
            },
            "/v1/store/products": {
              "get": {
                "tags": ["Catalog"],
                "operationId": "listProducts",
                "description": "Every product on sale.",
                "parameters": [ { "name": "limit", "in": "query", "schema": { "type": "integer", "format": "int32" } } ],
                "responses": {
                  "200": {
                    "description": "A page.",
                    "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Order" } } } }
                  }
                }
              }
            },
            "/healthz": { "get": { "operationId": "getHealth", "responses": { "200": { "description": "ok" } } } }
          },
          "components": {
            "parameters": {
              "IdempotencyKey": { "name": "Idempotency-Key", "in": "header", "required": true, "description": "Retries with the same key are answered once.", "schema": { "type": "string" } }
            },
            "responses": {
              "Problem": { "description": "An RFC 9457 problem.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
            },
            "schemas": {
              "NewOrder": {
                "type": "object",
                "description": "What a buyer submits.",
                "required": ["lines"],
                "properties": {
                  "lines": { "type": "array", "items": { "$ref": "#/components/schemas/Line" } },
                  "note": { "type": ["string", "null"], "description": "For the packer." }
                }
              },
              "Line": {
                "type": "object",
                "required": ["sku", "quantity"],
                "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer", "minimum": 1 } }
              },
              "Order": {
                "type": "object",
                "properties": {
                  "id": { "type": "string" },
                  "status": { "type": "string", "enum": ["placed", "paid", "shipped"] }
                }
              },
              "Problem": { "type": "object", "properties": { "code": { "type": "string" } } }
            }
          }
        }
        """#

    let html: String

    init() throws {
        html = try renderAPIReference(openAPIJSON: Data(Self.document.utf8))
    }

    /// The HTML between two markers, to check what sits inside one section.
    func section(from start: String, to end: String) throws -> Substring {
        let lower = try #require(html.range(of: start)).upperBound
        let upper = try #require(html[lower...].range(of: end)).lowerBound
        return html[lower..<upper]
    }

    @Test("the page names the API and links its stylesheet, with no inline style or script")
    func frame() {
        #expect(html.hasPrefix("<!doctype html>"))
        #expect(html.contains("<h1>Torv</h1>"))
        #expect(html.contains("Version 1.2.3"))
        #expect(html.contains(#"<link rel="stylesheet" href="/docs/docs.css">"#))
        #expect(!html.contains("<style"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("style=\""))
    }

    @Test("the contents list tags in the document's order, untagged operations last under Other")
    func tableOfContents() throws {
        let toc = try section(from: #"<nav class="toc""#, to: "</nav>")
        let orders = try #require(toc.range(of: "#tag-orders"))
        let catalog = try #require(toc.range(of: "#tag-catalog"))
        let other = try #require(toc.range(of: ">Other<"))

        #expect(orders.lowerBound < catalog.lowerBound)
        #expect(catalog.lowerBound < other.lowerBound)
        #expect(toc.contains(##"href="#op-placeorder""##))
        #expect(toc.contains(##"href="#schemas""##))
    }

    @Test("an operation shows its badge, path, summary, description, operation ID and permission")
    func operation() throws {
        let operation = try section(from: #"<article class="operation" id="op-placeorder">"#, to: "</article>")

        #expect(operation.contains(#"<span class="method method-post">POST</span>"#))
        #expect(operation.contains(#"<code class="path">/v1/store/orders</code>"#))
        #expect(operation.contains("Place an order"))
        #expect(operation.contains("and charges the buyer."))
        #expect(operation.contains("<code>placeOrder</code>"))
        #expect(operation.contains(#"<code class="permission">orders.place</code>"#))
    }

    @Test("text from the document is escaped, never markup")
    func escaping() {
        #expect(html.contains("stock &lt;script&gt;alert(1)&lt;/script&gt; and"))
    }

    @Test("parameters show name, location, requirement, type and description, $refs resolved")
    func parameters() throws {
        let operation = try section(from: #"id="op-placeorder""#, to: "</article>")

        #expect(operation.contains(#"<code>Idempotency-Key</code> <span class="flag flag-required">required</span>"#))
        #expect(operation.contains("<td>header</td>"))
        #expect(operation.contains("Retries with the same key are answered once."))
        #expect(operation.contains("<code>dryRun</code></td>"))
        #expect(operation.contains(#"<td class="type">boolean</td>"#))
    }

    @Test("a parameter without a description shows none, not its operation's")
    func noInheritedDescription() throws {
        let operation = try section(from: #"id="op-placeorder""#, to: "</article>")

        #expect(operation.components(separatedBy: "and charges the buyer.").count == 2)
    }

    @Test("path-level parameters apply to the path's operations, and path parameters are always required")
    func pathParameters() throws {
        let operation = try section(from: #"id="op-getorder""#, to: "</article>")

        #expect(operation.contains(#"<code>orderID</code> <span class="flag flag-required">required</span>"#))
        #expect(operation.contains("<td>path</td>"))
    }

    @Test("the request body names its media type and links its schema")
    func requestBody() throws {
        let operation = try section(from: #"id="op-placeorder""#, to: "</article>")

        #expect(operation.contains(#"Request body <span class="flag flag-required">required</span>"#))
        #expect(
            operation.contains(
                ##"<code class="media">application/json</code> <span class="type"><a href="#schema-neworder">NewOrder</a></span>"##
            ))
    }

    @Test("responses are listed by status, default last, with their schemas linked")
    func responses() throws {
        let operation = try section(from: #"id="op-placeorder""#, to: "</article>")
        let created = try #require(operation.range(of: ">201<"))
        let refused = try #require(operation.range(of: ">422<"))
        let fallback = try #require(operation.range(of: ">default<"))

        #expect(created.lowerBound < refused.lowerBound)
        #expect(refused.lowerBound < fallback.lowerBound)
        #expect(operation.contains(#"<span class="status status-success">201</span>"#))
        #expect(operation.contains(##"<a href="#schema-order">Order</a>"##))
        #expect(operation.contains("An RFC 9457 problem."))
        #expect(operation.contains(##"<a href="#schema-problem">Problem</a>"##))
    }

    @Test("types read as words: arrays of links, formats, nullable types")
    func typeWording() throws {
        let products = try section(from: #"id="op-listproducts""#, to: "</article>")
        let newOrder = try section(from: #"id="schema-neworder""#, to: "</article>")

        #expect(products.contains(##"array of <a href="#schema-order">Order</a>"##))
        #expect(products.contains("integer (int32)"))
        #expect(newOrder.contains("string or null"))
    }

    @Test("schemas list their properties with type, requirement, description and enum values")
    func schemas() throws {
        let newOrder = try section(from: #"<article class="schema" id="schema-neworder">"#, to: "</article>")
        let order = try section(from: #"<article class="schema" id="schema-order">"#, to: "</article>")

        #expect(newOrder.contains("What a buyer submits."))
        #expect(newOrder.contains(#"<code>lines</code> <span class="flag flag-required">required</span>"#))
        #expect(newOrder.contains(##"array of <a href="#schema-line">Line</a>"##))
        #expect(newOrder.contains("<code>note</code></td>"))
        #expect(newOrder.contains("For the packer."))
        #expect(order.contains("<code>placed</code> <code>paid</code> <code>shipped</code>"))
    }

    @Test("every link into the page has a target")
    func linksResolve() {
        let targets = Set(html.matches(of: /id="([a-z0-9-]+)"/).map { String($0.output.1) })
        let links = Set(html.matches(of: /href="#([a-z0-9-]+)"/).map { String($0.output.1) })

        #expect(!links.isEmpty)
        #expect(links.subtracting(targets).isEmpty)
    }

    @Test("a document that is not JSON is refused")
    func notJSON() {
        #expect(throws: (any Error).self) {
            try renderAPIReference(openAPIJSON: Data("openapi: 3.1.0".utf8))
        }
    }

    @Test("an empty document still renders a page")
    func emptyDocument() throws {
        let page = try renderAPIReference(openAPIJSON: Data("{}".utf8))

        #expect(page.contains("<h1>API reference</h1>"))
    }

    @Test("the stylesheet is served from the bundle and styles the badges")
    func stylesheet() throws {
        let css = try apiReferenceStylesheet()

        #expect(css.contains(".method-get"))
        #expect(css.contains("monospace"))
    }
}
