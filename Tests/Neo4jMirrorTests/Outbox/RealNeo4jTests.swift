import Engine
import Foundation
import GraphStore
import Neo4jMirror
import Testing
import TestSupport

/// The mirror against a real Neo4j 5 (`NEO4J_URL=http://localhost:7474`, with `NEO4J_USER` and
/// `NEO4J_PASSWORD`, database `NEO4J_DATABASE` or `neo4j`). It empties the mirror's nodes on that
/// database first. Compared: counts per label and type, and every node's mirror key once.
@Suite struct RealNeo4jTests {
    static let env = ProcessInfo.processInfo.environment
    static let url = env["NEO4J_URL"]

    /// Runs a read on the target with curl and returns its rows.
    func query(_ target: Neo4jHTTPTarget, _ text: String) throws -> [[Any]] {
        let body = try JSONSerialization.data(withJSONObject: ["statements": [["statement": text]]])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = [
            "-s", "-u", "\(Self.env["NEO4J_USER"] ?? "neo4j"):\(Self.env["NEO4J_PASSWORD"] ?? "")", "-H", "Content-Type: application/json",
            "--data-binary", String(decoding: body, as: UTF8.self), target.endpoint,
        ]
        let output = Pipe()
        p.standardOutput = output
        try p.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let results = json?["results"] as? [[String: Any]] ?? []
        return (results.first?["data"] as? [[String: Any]] ?? []).compactMap { $0["row"] as? [Any] }
    }

    @Test(.enabled(if: url != nil, "set NEO4J_URL (and NEO4J_USER, NEO4J_PASSWORD) to test against a real Neo4j 5"))
    func mirrorsAMixedWorkloadToNeo4j() throws {
        let database = Self.env["NEO4J_DATABASE"] ?? "neo4j"
        let target = try Neo4jHTTPTarget(
            url: Self.url!, database: database, user: Self.env["NEO4J_USER"] ?? "neo4j", password: Self.env["NEO4J_PASSWORD"] ?? "")
        try target.run([MirrorStatement("MATCH (n:IgnitabullNode) DETACH DELETE n")])
        let source = try Database(directory: SharedData.temporaryDirectory() + "/source")
        try Workload.prepare(source)
        var w = Workload(seed: 5)
        try w.run(source, steps: 600)
        var c = MirrorConfiguration(consumer: MirrorConfiguration.consumerName(url: Self.url!, database: database))
        c.maxAttempts = 5
        let mirror = try Neo4jMirror(database: source, target: target, configuration: c)
        try mirror.run()
        try w.run(source, steps: 600)
        try mirror.run()
        let want = GraphDigest(source: source.graph.snapshot)
        var labels: [String: Int] = [:]
        for row in try query(target, "MATCH (n:IgnitabullNode) UNWIND labels(n) AS l RETURN l, count(*)") {
            if let l = row[0] as? String, l != "IgnitabullNode" { labels[l] = (row[1] as? Int) ?? -1 }
        }
        #expect(labels == want.labelCounts)
        var types: [String: Int] = [:]
        for row in try query(target, "MATCH (:IgnitabullNode)-[r]->(:IgnitabullNode) RETURN type(r), count(*)") {
            types[row[0] as! String] = (row[1] as? Int) ?? -1
        }
        #expect(types == want.typeCounts)
        let keys = try query(target, "MATCH (n:IgnitabullNode) RETURN count(n), count(DISTINCT n.ignitabullId)")
        #expect((keys.first?[0] as? Int) == want.nodes.count && (keys.first?[1] as? Int) == want.nodes.count)
    }
}
