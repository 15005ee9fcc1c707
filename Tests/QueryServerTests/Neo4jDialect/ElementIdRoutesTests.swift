import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Testing

/// The element ids every JSON response carries are the ones `elementId()` returns and lookups by element id find
/// (https://neo4j.com/docs/cypher-manual/current/functions/scalar/#functions-elementid).
@Suite struct ElementIdRoutesTests {
    @Test func idsFromResponsesFindTheirEntities() async throws {
        try await TestServer().run { c in
            let w = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "CREATE (a:P {n: 1})-[r:R]->(b:P {n: 2}) RETURN a, r, elementId(a) AS ea, elementId(r) AS er", "resultDataContents": ["row", "graph"]}]}"#)
            #expect(w.status == .ok, "\(w.text)")
            let data = try #require(w.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first, "\(w.text)")
            let meta = try #require(data["meta"]?.arrayValue)
            let node = try #require(meta[0]["elementId"]?.stringValue)
            let rel = try #require(meta[1]["elementId"]?.stringValue)
            #expect(node.hasPrefix("4:") && rel.hasPrefix("5:"))
            // The function and the response agree.
            #expect(data["row"]?.arrayValue?[2].stringValue == node)
            #expect(data["row"]?.arrayValue?[3].stringValue == rel)
            #expect(data["graph"]?["nodes"]?.arrayValue?.contains { $0["elementId"]?.stringValue == node } == true)
            // py2neo-style and Neo4j 5-style lookups with the ids the response gave.
            let byNode = try await c.post(
                "/db/neo4j/tx/commit",
                #"{"statements": [{"statement": "MATCH (n) WHERE elementId(n) = $id RETURN n.n", "parameters": {"id": "\#(node)"}}]}"#)
            #expect(byNode.json["results"]?.arrayValue?.first?["data"]?.arrayValue?.first?["row"] == [1], "\(byNode.text)")
            let byRel = try await c.post(
                "/db/neo4j/cypher",
                #"{"query": "MATCH ()-[r]->(b) WHERE elementId(r) = $id RETURN b.n, elementId(r) AS e", "parameters": {"id": "\#(rel)"}}"#)
            #expect(byRel.json["rows"] == [[2, .string(rel)]], "\(byRel.text)")
        }
    }
}
