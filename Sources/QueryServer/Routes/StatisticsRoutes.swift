import Engine
import GraphStore
import Hummingbird
import Recommend

/// `GET /db/{db}/stats`: what `ignitabull stats` prints, for the live database: counts per label and type, degree
/// distributions, the graph's memory (estimated from allocated storage), the server's resident size and the
/// recommender's model selection (`recommender`: as `GET /db/{db}/recommender` plus its text `table`; null when
/// none was made yet). Readers may call it. The degree distributions visit every node, so it runs on
/// `BlockingWork`'s threads.
struct StatisticsRoutes: Sendable {
    let scopes: DatabaseScopes

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.get("stats") { _, context -> Response in
            let database = try scopes.database(context)
            let body: JSON = await BlockingWork.run {
                var body = database.statistics().json
                let resident = ProcessMetrics.sample().first { $0.name == "process_resident_memory_bytes" }?.value
                let recommender = database.modelSelection.map { s in
                    .object((RecommenderRoutes.json(s).objectValue ?? []) + [("table", .string(s.table))])
                } ?? JSON.null
                if case .object(let pairs) = body {
                    body = .object(pairs + [("processResidentBytes", .int(Int64(resident ?? 0))), ("recommender", recommender)])
                }
                return body
            }
            return body.response()
        }
    }
}

extension StatisticsRoutes: DocumentedRoutes {
    static var openAPIPaths: [(String, JSON)] {
        typealias D = OpenAPIDocument
        let degrees: JSON = ["type": "object", "properties": .object(
            ["nodes", "min", "p50", "p90", "p99", "max"].map { ($0, ["type": "integer"]) } + [("mean", ["type": "number"])])]
        let schema: JSON = ["type": "object", "properties": [
            "nodes": ["type": "integer"], "relationships": ["type": "integer"],
            "labels": ["type": "array", "items": ["type": "object", "properties": ["label": ["type": "string"], "count": ["type": "integer"]]]],
            "relationshipTypes": ["type": "array", "items": ["type": "object", "properties": [
                "type": ["type": "string"], "count": ["type": "integer"], "outDegree": degrees, "inDegree": degrees,
            ]]],
            "memory": ["type": "object", "description": "Bytes, estimated from allocated storage", "properties": .object(
                ["adjacency", "relationshipTable", "nodeTable", "properties", "indexes", "total"].map { ($0, ["type": "integer"]) })],
            "processResidentBytes": ["type": "integer"],
            "recommender": ["oneOf": [D.ref("ModelSelection"), ["type": "null"]],
                "description": "The model selection, with its text `table` (null: none made yet)"],
        ]]
        return [
            ("/db/{db}/stats", ["get": D.operation(
                "What `ignitabull stats` prints: counts, degree distributions, memory, the recommender's model selection",
                tag: "operations", parameters: [D.dbParameter], responses: [("200", D.json(schema)), D.unknownDatabase])]),
        ]
    }
}
