import Engine
import HTTPTypes
import QueryServer
import Testing

/// The operational edges a newcomer or a monitoring system meets: unknown routes, `/metrics`,
/// and the OpenAPI document's request bodies and parameters.
@Suite struct OperationsTests {
    @Test func anUnknownRouteIsA404WithAJSONErrorNamingThePath() async throws {
        try await TestServer().run { c in
            let r = try await c.get("/db/neo4j/prodcts/a/similar")
            #expect(r.status == .notFound)
            #expect(r.json["code"] == "NotFound")
            #expect(r.json["message"]?.stringValue?.contains("GET /db/neo4j/prodcts/a/similar") == true, "\(r.text)")
            // A path that exists under another method is a 405 naming the allowed ones.
            let put = try await c.request(.put, "/health")
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET")
            #expect(put.json["code"] == "MethodNotAllowed")
            let trace = try await c.request(.trace, "/db/neo4j/tx/17")
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers[.allow] == "DELETE, POST", "\(trace.headers)")
            // `commit` is a literal component: only the commit route's method is allowed there.
            let commit = try await c.request(.options, "/db/neo4j/tx/commit")
            #expect(commit.headers[.allow] == "POST", "\(commit.headers)")
            // A known route still gets its own 404s.
            let db = try await c.get("/db/other/products/a/similar")
            #expect(db.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
        }
    }

    @Test func metricsCarryProcessFiguresAndEscapeLabelValues() async throws {
        try await TestServer().run { c in
            let text = try await c.get("/metrics").text
            for name in [
                "process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds", "process_max_fds",
                "process_start_time_seconds",
            ] {
                #expect(text.contains("\n\(name) "), "\(name) missing")
            }
            let rss = text.split(separator: "\n").first { $0.hasPrefix("process_resident_memory_bytes ") }
            #expect((rss.flatMap { Double($0.split(separator: " ")[1]) } ?? 0) > 1_000_000)
        }
        #expect(PrometheusText.escape("a\"b\\c\nd") == "a\\\"b\\\\c\\nd")
        #expect(PrometheusText.escape("/db/{db}/cypher") == "/db/{db}/cypher")
    }

    @Test func everyRequestBodyHasASchemaAndTheRecommendationFiltersAreDocumented() throws {
        let doc = QueryServer.openAPIDocument
        var bodies = 0
        for (path, item) in doc["paths"]?.objectValue ?? [] {
            for (method, op) in item.objectValue ?? [] {
                guard let body = op["requestBody"] else { continue }
                bodies += 1
                let schema = body["content"]?["application/json"]?["schema"]
                #expect(schema != nil && schema != .null, "\(method) \(path) has a request body without a schema")
            }
            if path.hasSuffix("/tx/{txid}") { #expect(item["delete"]?["requestBody"] == nil) }
        }
        #expect(bodies > 5)
        let params = doc["paths"]?["/db/{db}/customers/{id}/recommendations"]?["get"]?["parameters"]?.arrayValue ?? []
        let names = Set(params.compactMap { $0["name"]?.stringValue })
        #expect(names.isSuperset(of: ["k", "explain", "strategy", "category", "minPrice", "maxPrice", "inStock", "exclude", "diversity"]))
    }
}
