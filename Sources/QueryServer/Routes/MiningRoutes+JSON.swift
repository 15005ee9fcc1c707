import GraphStore
import Recommend

extension MiningRoutes {
    /// The answer of `POST mine`: the thresholds used, the counts, the changes and the `top` five pairs by baskets
    /// (each product as its `id` and `description`, null when it has none).
    static func json(
        _ r: FrequentlyBoughtTogether.Result, _ c: FrequentlyBoughtTogether.Changes, _ t: MiningThresholds,
        _ s: GraphSnapshot, seconds: Double
    ) -> JSON {
        func product(_ n: NodeID) -> JSON {
            ["id": ValueRenderer.json(s.property(n, "id") ?? .null), "description": ValueRenderer.json(s.property(n, "description") ?? .null)]
        }
        let top = r.pairs.sorted { $0.count > $1.count }.prefix(5).map { p -> JSON in
            [
                "first": product(p.first), "second": product(p.second), "count": .int(Int64(p.count)),
                "support": .double(p.support), "confidence": .double(p.confidence), "lift": .double(p.lift),
            ]
        }
        return [
            "thresholds": [
                "minCount": .int(Int64(t.minCount)), "minSupport": .double(t.minSupport),
                "minConfidence": .double(t.minConfidence), "minLift": .double(t.minLift),
            ],
            "baskets": .int(Int64(r.baskets)), "distinctPairs": .int(Int64(r.distinctPairs)), "kept": .int(Int64(r.pairs.count)),
            "changes": [
                "created": .int(Int64(c.created)), "updated": .int(Int64(c.updated)), "deleted": .int(Int64(c.deleted)),
                "unchanged": .int(Int64(c.unchanged)),
            ],
            "top": .array(top), "seconds": .double(seconds),
        ]
    }
}

extension MiningRoutes: DocumentedRoutes {
    static var openAPIPaths: [(String, JSON)] {
        typealias D = OpenAPIDocument
        func object(_ fields: [(String, JSON)]) -> JSON { ["type": "object", "properties": .object(fields)] }
        let integer: JSON = ["type": "integer"]
        let number: JSON = ["type": "number"]
        let changes = ["created", "updated", "deleted", "unchanged"].map { ($0, integer) }
        let product = object([("id", ["description": "The product's `id`"]), ("description", ["type": ["string", "null"]])])
        let errors = [D.badRequest("A setting of the wrong type or out of range, or an unknown field"), D.notAnAdmin,
            ("404", D.json(D.ref("Error"), "Unknown database, or no PURCHASED relationships (`NoPurchases`)"))]
        return [
            ("/db/{db}/mine", ["post": D.operation(
                "Mine frequently-bought-together pairs into FREQUENTLY_BOUGHT_WITH, as `ignitabull mine` (admins)", tag: "operations",
                parameters: [D.dbParameter],
                body: ["type": "object", "additionalProperties": false, "properties": [
                    "minCount": ["type": "integer", "minimum": 1, "default": 5, "description": "Baskets containing both products"],
                    "minSupport": ["type": "number", "minimum": 0, "maximum": 1, "default": 0],
                    "minConfidence": ["type": "number", "minimum": 0, "maximum": 1, "default": 0],
                    "minLift": ["type": "number", "minimum": 0, "default": 1],
                ]], bodyRequired: false,
                responses: [("200", D.json(object([
                    ("thresholds", object(["minCount", "minSupport", "minConfidence", "minLift"].map { ($0, number) })),
                    ("baskets", integer), ("distinctPairs", integer), ("kept", integer), ("changes", object(changes)),
                    ("top", ["type": "array", "items": object([
                        ("first", product), ("second", product), ("count", integer), ("support", number),
                        ("confidence", number), ("lift", number),
                    ])]),
                    ("seconds", number),
                ])))] + errors)]),
            ("/db/{db}/similar-to", ["post": D.operation(
                "Materialise SIMILAR_TO (item-kNN neighbours), as `ignitabull score --similar-to K` (admins)", tag: "operations",
                parameters: [D.dbParameter],
                body: ["type": "object", "additionalProperties": false, "properties": [
                    "k": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 10, "description": "Neighbours per product"],
                    "minSimilarity": ["type": "number", "minimum": 0, "maximum": 1, "default": 0],
                ]], bodyRequired: false,
                responses: [("200", D.json(object([("k", integer)] + changes + [("seconds", number)])))] + errors)]),
        ]
    }
}
