import Engine
import HTTPTypes
import QueryServer
import Testing

/// The web console's files (`GET /console`, `/console/{file}`) and the counts route its overview reads.
/// The browser-driven checks live in `scripts/console-test` (headless Chromium).
@Suite struct ConsoleRoutesTests {
    @Test func thePageAndEveryFileItLoadsAreServedWithTheirTypes() async throws {
        try await TestServer().run { c in
            let page = try await c.get("/console")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            // Every file the page or a script names is in the table, with its type; nothing comes from elsewhere.
            var pending = Self.references(in: page.text, prefix: "/console/")
            var seen = Set<String>()
            while let name = pending.popLast() {
                guard seen.insert(name).inserted else { continue }
                let r = try await c.get("/console/\(name)")
                #expect(r.status == .ok, "\(name)")
                let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8"
                #expect(r.headers[.contentType] == type, "\(name)")
                #expect(!r.text.contains("http://") && !r.text.contains("https://"), "\(name) names another site")
                if name.hasSuffix(".js") { pending += Self.references(in: r.text, prefix: "from \"./") }
            }
            #expect(seen.isSuperset(of: ["app.js", "api.js", "console.css", "graph.js", "query.js", "recs.js", "search.js", "overview.js", "ui.js"]))
        }
    }

    @Test func aNameOutsideTheTableIsA404AndNeverAPath() async throws {
        try await TestServer().run { c in
            for name in ["..%2FPackage.swift", "%2e%2e%2fREADME.md", "Console%2Fapp.js", "APP.JS", "app.js%00", "index.htm", ".."] {
                let r = try await c.get("/console/\(name)")
                #expect(r.status == .notFound, "\(name): \(r.status)")
                #expect(r.json["code"] == "NotFound", "\(name): \(r.text)")
            }
            let deeper = try await c.get("/console/x/../../Package.swift")
            #expect(deeper.status == .notFound)
            #expect(!deeper.text.contains("swift-tools-version"))
        }
    }

    @Test func countsArePerLabelAndPerType() async throws {
        try await TestServer().run { c in
            let write = try await c.post(
                "/db/neo4j/cypher",
                #"{"query": "CREATE (a:Customer {id: 'c1'}), (b:Customer:VIP {id: 'c2'}), (p:Product {id: 'p1'}), (a)-[:PURCHASED]->(p), (b)-[:PURCHASED]->(p), (a)-[:FOLLOWS]->(b)"}"#)
            #expect(write.status == .ok, "\(write.text)")
            let r = try await c.get("/db/neo4j/counts")
            #expect(r.status == .ok)
            #expect(r.json["nodes"] == 3)
            #expect(r.json["relationships"] == 3)
            let labels = Dictionary(uniqueKeysWithValues: (r.json["labels"]?.arrayValue ?? []).map { ($0["label"]?.stringValue ?? "", $0["count"]?.intValue ?? -1) })
            #expect(labels == ["Customer": 2, "VIP": 1, "Product": 1])
            let types = Dictionary(uniqueKeysWithValues: (r.json["relationshipTypes"]?.arrayValue ?? []).map { ($0["type"]?.stringValue ?? "", $0["count"]?.intValue ?? -1) })
            #expect(types == ["PURCHASED": 2, "FOLLOWS": 1])
            let other = try await c.get("/db/other/counts")
            #expect(other.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
        }
    }

    /// The names that follow `prefix` up to the next quote.
    static func references(in text: String, prefix: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let r = rest.firstRange(of: prefix) {
            rest = rest[r.upperBound...]
            out.append(String(rest.prefix { $0 != "\"" }))
        }
        return out
    }
}
