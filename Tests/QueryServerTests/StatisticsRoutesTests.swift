import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Recommend
import Testing

/// `GET /db/{db}/stats`: the figures of `Database.statistics()`, decoded by the code `ignitabull stats` uses.
@Suite struct StatisticsRoutesTests {
    @Test func theFiguresAreTheDatabasesAndDecodeBack() async throws {
        let db = try RecommendationRoutesTests.database()
        let expected = db.statistics()
        try await TestServer(database: db).run { c in
            let r = try await c.get("/db/neo4j/stats")
            #expect(r.status == .ok, "\(r.text)")
            let s = try #require(GraphStatistics(json: r.json), "\(r.text)")
            #expect(s.nodes == expected.nodes && s.relationships == expected.relationships)
            #expect(s.nodesByLabel.map { "\($0.label) \($0.count)" } == expected.nodesByLabel.map { "\($0.label) \($0.count)" })
            #expect(
                s.relationshipsByType.map { "\($0.type) \($0.count)" } == expected.relationshipsByType.map { "\($0.type) \($0.count)" })
            #expect(s.relationshipsByType.map(\.out) == expected.relationshipsByType.map(\.out))
            #expect(s.relationshipsByType.map(\.in) == expected.relationshipsByType.map(\.in))
            #expect(s.memory == expected.memory)
            #expect((r.json["processResidentBytes"]?.intValue ?? 0) > 0)
            if let selection = db.modelSelection {
                #expect(r.json["recommender"]?["table"]?.stringValue == selection.table)
                #expect(r.json["recommender"]?["chosen"]?.stringValue == selection.chosen.description)
            } else {
                #expect(r.json["recommender"] == .null)
            }
            let other = try await c.get("/db/other/stats")
            #expect(other.status == .notFound && other.json["code"] == "Neo.ClientError.Database.DatabaseNotFound")
        }
    }
}
