import Engine

/// The OpenAPI 3.1 description of the HTTP API, served at `GET /openapi.json`.
/// A test checks that its paths and methods are exactly the router's routes. Route collections listed in
/// `documentedRoutes` describe their own routes next to their handlers, with the helpers below.
enum OpenAPIDocument {
    /// The route collections that describe their own routes (`DocumentedRoutes`); a new collection is added here.
    static let documentedRoutes: [any DocumentedRoutes.Type] = [
        MaintenanceRoutes.self, StatisticsRoutes.self, MiningRoutes.self, ScoreRoutes.self, SystemRoutes.self,
    ]

    static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }

    static func json(_ schema: JSON, _ description: String = "OK") -> JSON {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static let dbParameter: JSON = [
        "name": "db", "in": "path", "required": true, "description": "The database: `neo4j` (the default) or one made with CREATE DATABASE in `system`.",
        "schema": ["type": "string", "default": "neo4j"],
    ]

    private static func pathParameter(_ name: String, _ description: String) -> JSON {
        ["name": .string(name), "in": "path", "required": true, "description": .string(description), "schema": ["type": "string"]]
    }

    private static func choice(_ name: String, _ values: [String], _ description: String) -> JSON {
        query(name, "string", description + " Default `\(values[0])`.", [("enum", .array(values.map { .string($0) }))])
    }

    static func query(_ name: String, _ type: String, _ description: String, _ limits: [(String, JSON)] = []) -> JSON {
        [
            "name": .string(name), "in": "query", "required": false, "description": .string(description),
            "schema": .object([("type", .string(type))] + limits),
        ]
    }

    static let errors: [(String, JSON)] = [
        ("400", json(ref("Error"), "Bad input (malformed JSON, wrong types, bad Cypher)")),
        ("404", json(ref("Error"), "Unknown database or id")),
        ("413", json(ref("Error"), "Body larger than the limit")),
    ]


    static func operation(
        _ summary: String, tag: String, parameters: [JSON] = [], body: JSON? = nil, bodyRequired: Bool = true,
        responses: [(String, JSON)], deprecated: Bool = false
    ) -> JSON {
        var op: [(String, JSON)] = [("summary", .string(summary)), ("tags", [.string(tag)])]
        if !parameters.isEmpty { op.append(("parameters", .array(parameters))) }
        if let body {
            op.append(("requestBody", ["required": .bool(bodyRequired), "content": ["application/json": ["schema": body]]]))
        }
        op.append(("responses", .object(responses)))
        if deprecated { op.append(("deprecated", true)) }
        return .object(op)
    }

    /// The filters the customer and similar-products routes apply inside candidate generation.
    private static let filters: [JSON] = [
        query("category", "string", "Only products in this category (its `id` or `name`)."),
        query("minPrice", "number", "Only products whose `price` (or `unitPrice`) is at least this.", [("minimum", 0)]),
        query("maxPrice", "number", "Only products whose `price` (or `unitPrice`) is at most this (below `minPrice`: none).", [("minimum", 0)]),
        query("inStock", "boolean", "Only products in stock (`inStock` true, or `stock` above 0)."),
        query("exclude", "string", "Comma-separated product ids never to return."),
    ]

    private static func recommendation(_ summary: String, subject: String) -> JSON {
        operation(
            summary, tag: "recommendations",
            parameters: [
                dbParameter, pathParameter("id", "The \(subject)'s `id` property."),
                query("k", "integer", "How many items (1...1000, default 10).", [("minimum", 1), ("maximum", 1000)]),
                query("explain", "boolean", "Add a `reason` to each item."),
            ] + (subject == "customer" || summary.hasPrefix("Products with similar") ? filters : [])
                + (subject == "customer"
                    ? [
                        choice("strategy", RecommendationRoutes.customerStrategies, "The ranking strategy."),
                        query(
                            "diversity", "number", "MMR trade-off between relevance and diversity, 0...1 (0: off).",
                            [("minimum", 0), ("maximum", 1)]),
                    ]
                    : summary.hasPrefix("Products with similar")
                        ? [choice("strategy", RecommendationRoutes.similarStrategies, "The similarity.")] : []),
            responses: [("200", json(ref("ProductList")))] + errors)
    }

    private static func transaction(_ summary: String, legacy: Bool, withID: Bool, body: Bool = true, status: String = "200") -> JSON {
        var parameters: [JSON] = legacy ? [] : [dbParameter]
        if withID { parameters.append(pathParameter("txid", "The transaction id from `Location`.")) }
        return operation(
            summary + (legacy ? " (Neo4j 3 path, default database)" : ""), tag: "neo4j-http",
            parameters: parameters, body: body ? Optional(ref("TransactionRequest")) : nil, bodyRequired: false,
            responses: [(status, json(ref("TransactionResponse"), "Results; statement errors are in `errors`"))]
                + (status == "201"
                    ? [("200", json(ref("TransactionResponse"), "A statement failed: the transaction is rolled back, nothing stays open"))]
                    : [])
                + [("404", json(ref("TransactionResponse"), "Unknown database or transaction"))]
                + (body ? [("400", json(ref("TransactionResponse"), "Malformed JSON or statements; the error is in `errors`")),
                    ("413", json(ref("TransactionResponse"), "Body larger than the limit"))] : []),
            deprecated: legacy)
    }

    private static func transactionPaths(prefix: String, tx: String, legacy: Bool) -> [(String, JSON)] {
        [
            ("\(prefix)/\(tx)", ["post": transaction("Open a transaction (201, `Location`)", legacy: legacy, withID: false, status: "201")]),
            ("\(prefix)/\(tx)/commit", ["post": transaction("Run statements in one transaction and commit", legacy: legacy, withID: false)]),
            ("\(prefix)/\(tx)/{txid}", [
                "post": transaction("Run statements in an open transaction (none: keep it alive)", legacy: legacy, withID: true),
                "delete": transaction("Roll back", legacy: legacy, withID: true, body: false),
            ]),
            ("\(prefix)/\(tx)/{txid}/commit", ["post": transaction("Run final statements and commit", legacy: legacy, withID: true)]),
        ]
    }

    static var paths: [(String, JSON)] {
        var p: [(String, JSON)] = [
            ("/", ["get": operation("Neo4j discovery document", tag: "neo4j-http", responses: [("200", json(["type": "object"]))])]),
            ("/hello", ["get": operation("A constant text (the load test's baseline)", tag: "operations",
                responses: [("200", ["description": "hello", "content": ["text/plain": ["schema": ["type": "string"]]]])])]),
            ("/health", ["get": operation("Liveness and graph size", tag: "operations", responses: [("200", json(ref("Health")))])]),
            ("/metrics", ["get": operation("Prometheus metrics", tag: "operations",
                responses: [("200", ["description": "Prometheus text format", "content": ["text/plain": ["schema": ["type": "string"]]]])])]),
            ("/openapi.json", ["get": operation("This document", tag: "operations", responses: [("200", json(["type": "object"]))])]),
            ("/db/{db}/products/{id}/similar", ["get": recommendation("Products with similar vectors", subject: "product")]),
            ("/db/{db}/products/{id}/also-bought", ["get": recommendation("Products bought by the product's buyers", subject: "product")]),
            ("/db/{db}/products/{id}/frequently-bought-with", ["get": recommendation("Products often in the same basket", subject: "product")]),
            ("/db/{db}/customers/{id}/recommendations", ["get": recommendation("Recommended products for a customer", subject: "customer")]),
            ("/db/{db}/recommender", ["get": operation("The recommender's automatic model selection: the chosen model and every candidate's holdout figures", tag: "recommendations",
                parameters: [dbParameter],
                responses: [("200", json(ref("ModelSelection"))), ("503", json(ref("Error"), "The model is being built (Retry-After)"))] + errors)]),
            ("/db/{db}/counts", ["get": operation("Live nodes per label and relationships per type (constant time)", tag: "operations",
                parameters: [dbParameter], responses: [("200", json(ref("Counts"))), ("404", json(ref("Error"), "Unknown database"))])]),
            ("/db/{db}/search", ["post": operation("Semantic search over the product vector index", tag: "search",
                parameters: [dbParameter], body: ref("SearchRequest"),
                responses: [("200", json(ref("SearchResponse"))), ("503", json(ref("Error"), "Text search without the model"))] + errors)]),
            ("/db/{db}/cypher", ["post": operation("Run one Cypher query", tag: "cypher", parameters: [dbParameter],
                body: ref("CypherRequest"), responses: [("200", json(ref("CypherResponse"))), ("409", json(ref("Error"), "Constraint violated"))] + errors)]),
            ("/db/{db}/nodes", ["post": operation("Upsert nodes by unique key (array or JSON lines)", tag: "bulk",
                parameters: [dbParameter], body: ["type": "array", "items": ref("NodeItem")],
                responses: [("200", json(ref("BulkResponse"))), ("400", json(ref("BulkError"), "Invalid items; nothing applied")),
                    ("404", json(ref("Error"), "Unknown database")), ("413", json(ref("Error"), "Body larger than the limit"))])]),
            ("/db/{db}/relationships", ["post": operation("Upsert relationships between keyed nodes (array or JSON lines)", tag: "bulk",
                parameters: [dbParameter], body: ["type": "array", "items": ref("RelationshipItem")],
                responses: [("200", json(ref("BulkResponse"))), ("400", json(ref("BulkError"), "Invalid items; nothing applied")),
                    ("404", json(ref("Error"), "Unknown database")), ("413", json(ref("Error"), "Body larger than the limit"))])]),
            ("/console", ["get": operation("The web console (HTML; its scripts use only the routes of this document)", tag: "console",
                responses: [("200", ["description": "The console page", "content": ["text/html": ["schema": ["type": "string"]]]])])]),
            ("/console/{file}", ["get": operation("One of the console's files, by name from a fixed list", tag: "console",
                parameters: [pathParameter("file", "`console.css`, `app.js` and the other files the page loads.")],
                responses: [("200", ["description": "The file (HTML, CSS or JavaScript)",
                    "content": ["text/javascript": ["schema": ["type": "string"]], "text/css": ["schema": ["type": "string"]]]]),
                    ("404", json(ref("Error"), "No such console file"))])]),
            ("/db/data", ["get": operation("Neo4j 3 discovery document", tag: "neo4j-http", responses: [("200", json(["type": "object"]))], deprecated: true)]),
        ]
        p += documentedRoutes.flatMap { $0.openAPIPaths }
        p += transactionPaths(prefix: "/db/{db}", tx: "tx", legacy: false)
        p += transactionPaths(prefix: "/db/data", tx: "transaction", legacy: true)
        return p
    }

    private static let anyValue: JSON = ["description": "Any JSON value"]

    static var schemas: [(String, JSON)] {
        [
            ("Error", ["type": "object", "required": ["code", "message"], "properties": [
                "code": ["type": "string"], "message": ["type": "string"],
                "line": ["type": "integer"], "column": ["type": "integer"], "offset": ["type": "integer"],
            ]]),
            ("Health", ["type": "object", "properties": [
                "status": ["type": "string"], "nodes": ["type": "integer"], "relationships": ["type": "integer"], "databases": ["type": "integer"],
            ]]),
            ("ProductList", ["type": "object", "properties": [
                "subject": ["type": "string"], "strategy": ["type": "string"],
                // Personalised and similar-product answers only:
                "coldStart": ["type": "boolean"], "knownSubject": ["type": "boolean"],
                "coldStartReason": ["type": "string", "enum": ["unknown-customer", "no-purchases", "model-building"]],
                "historySize": ["type": "integer"], "model": ["type": "string", "enum": ["ready", "building"]],
                "items": ["type": "array", "items": ["type": "object", "properties": [
                    "id": ["type": "string"], "description": ["type": ["string", "null"]], "score": ["type": "number"],
                    "reason": ["type": ["string", "null"]],
                ]]],
            ]]),
            ("Counts", ["type": "object", "properties": [
                "nodes": ["type": "integer"], "relationships": ["type": "integer"],
                "labels": ["type": "array", "items": ["type": "object", "properties": ["label": ["type": "string"], "count": ["type": "integer"]]]],
                "relationshipTypes": ["type": "array", "items": ["type": "object", "properties": ["type": ["type": "string"], "count": ["type": "integer"]]]],
            ]]),
            ("ModelSelection", ["type": "object", "properties": [
                "strategy": ["type": "string"], "chosen": ["type": "string"], "chosenModel": ["type": "string"],
                "customers": ["type": "integer"], "products": ["type": "integer"], "pairs": ["type": "integer"],
                "evaluatedCustomers": ["type": "integer"], "refitSeconds": ["type": "number"],
                "selectionSeconds": ["type": "number"], "budget": ["type": "string"], "reused": ["type": "boolean"],
                "table": ["type": "string", "description": "The selection as `ignitabull stats` prints it (`GET stats` only)"],
                "candidates": ["type": "array", "items": ["type": "object", "properties": [
                    "name": ["type": "string"], "model": ["type": "string"], "chosen": ["type": "boolean"],
                    "ndcg10": ["type": "number"], "ndcg10Low": ["type": "number"], "ndcg10High": ["type": "number"],
                    "recall10": ["type": "number"], "fitSeconds": ["type": "number"], "skipped": ["type": "string"],
                ]]],
            ]]),
            ("CypherRequest", ["type": "object", "required": ["query"], "properties": [
                "query": ["type": "string", "minLength": 1, "pattern": "\\S"],
                "parameters": ["type": ["object", "null"], "additionalProperties": anyValue],
            ]]),
            ("CypherResponse", ["type": "object", "properties": [
                "columns": ["type": "array", "items": ["type": "string"]],
                "rows": ["type": "array", "items": ["type": "array", "items": anyValue]],
                "stats": ["type": "object", "additionalProperties": ["type": ["integer", "boolean"]]],
                "plan": ["type": "array", "items": ["type": "string"]],
            ]]),
            ("TransactionRequest", ["type": "object", "properties": [
                "statements": ["type": "array", "items": ["type": "object", "required": ["statement"], "properties": [
                    // As Neo4j does, a null optional field means its default.
                    "statement": ["type": "string"], "parameters": ["type": ["object", "null"]],
                    "resultDataContents": ["type": ["array", "null"], "items": ["enum": ["row", "graph", "rest", "REST"]]],
                    "includeStats": ["type": ["boolean", "null"]],
                ]]],
            ]]),
            ("TransactionResponse", ["type": "object", "properties": [
                "results": ["type": "array", "items": ["type": "object", "properties": [
                    "columns": ["type": "array", "items": ["type": "string"]], "data": ["type": "array"], "stats": ["type": "object"],
                ]]],
                "errors": ["type": "array", "items": ["type": "object", "properties": ["code": ["type": "string"], "message": ["type": "string"]]]],
                "commit": ["type": "string"],
                "transaction": ["type": "object", "properties": ["expires": ["type": "string"]]],
            ]]),
            ("SearchRequest", [
                "type": "object", "description": "Exactly one of `text` and `vector`.",
                "oneOf": [["required": ["text"], "not": ["required": ["vector"]]], ["required": ["vector"], "not": ["required": ["text"]]]],
                "properties": [
                    "text": ["type": "string", "minLength": 1, "pattern": "\\S"],
                    "vector": ["type": "array", "minItems": 1, "items": ["type": "number"]],
                    // A null optional field means its default.
                    "k": ["type": ["integer", "null"], "minimum": 1, "maximum": 1000, "default": 10],
                    "filter": ["type": ["object", "null"], "description": "Property equality; an array value means any of its values."],
                    "index": ["type": ["string", "null"], "minLength": 1],
                    "probes": ["type": ["integer", "null"], "minimum": 1, "maximum": 65_536],
                ],
            ]),
            ("SearchResponse", ["type": "object", "properties": [
                "index": ["type": "string"],
                "items": ["type": "array", "items": ["type": "object", "properties": [
                    "id": anyValue, "description": ["type": ["string", "null"]], "score": ["type": "number"],
                    "labels": ["type": "array", "items": ["type": "string"]], "properties": ["type": "object"],
                ]]],
            ]]),
            ("NodeItem", ["type": "object", "required": ["properties"], "properties": [
                "label": ["type": "string", "minLength": 1], "labels": ["type": "array", "items": ["type": "string", "minLength": 1]],
                "key": ["type": "string", "description": "The uniquely constrained property (default: the only one, or `id`)."],
                "properties": ["type": "object"],
            ]]),
            ("NodeReference", ["type": "object", "required": ["label"], "description": "`label` plus one uniquely constrained property, e.g. {\"label\": \"Customer\", \"id\": \"c1\"}",
                "properties": ["label": ["type": "string", "minLength": 1]], "additionalProperties": anyValue]),
            ("RelationshipItem", ["type": "object", "required": ["type", "from", "to"], "properties": [
                "type": ["type": "string", "minLength": 1], "from": ref("NodeReference"), "to": ref("NodeReference"),
                "key": ["type": "string", "description": "A property that tells apart several relationships of one pair."],
                "properties": ["type": "object"],
            ]]),
            ("BulkResponse", ["type": "object", "properties": [
                "items": ["type": "integer"], "created": ["type": "integer"], "updated": ["type": "integer"], "stats": ["type": "object"],
            ]]),
            ("BulkError", ["type": "object", "properties": [
                "code": ["type": "string"], "message": ["type": "string"],
                "errors": ["type": "array", "items": ["type": "object", "properties": [
                    "index": ["type": "integer"], "code": ["type": "string"], "message": ["type": "string"],
                ]]],
            ]]),
        ]
    }

    static var document: JSON {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "Ignitabull Engine", "version": .string(EngineInfo.version),
                "description": "Recommendations, semantic search, Cypher and Neo4j's HTTP transaction API over HTTP.",
            ],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }
}
