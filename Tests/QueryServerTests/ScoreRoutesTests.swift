import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Recommend
import Testing

/// `POST /db/{db}/score`: a page of customers scored by the served database's recommender, each row what
/// `Database.recommend` answers for that customer, decoded by the code `ignitabull score` uses.
@Suite struct ScoreRoutesTests {
    @Test func badRequestsAreA400() async throws {
        try await TestServer(database: try RecommendationRoutesTests.database()).run { c in
            for body in [
                "{}", #"{"customers": []}"#, #"{"customers": [1]}"#, #"{"customers": "c1"}"#,
                #"{"customers": ["c1"], "k": 0}"#, #"{"customers": ["c1"], "k": 1001}"#,
                #"{"customers": ["c1"], "strategy": "best"}"#, #"{"customers": ["c1"], "diversity": 2}"#,
                #"{"customers": ["c1"], "explain": "yes"}"#, #"{"customers": ["c1"], "threads": 0}"#,
                #"{"customers": ["c1"], "customer": "c2"}"#,
            ] {
                let r = try await c.post("/db/neo4j/score", body)
                #expect(r.status == .badRequest, "\(body): \(r.text)")
                #expect(r.json["code"] == "BadRequest", "\(body): \(r.text)")
            }
            let many = "{\"customers\": [" + Array(repeating: "\"c1\"", count: 10_001).joined(separator: ",") + "]}"
            #expect(try await c.post("/db/neo4j/score", many).status == .badRequest)
        }
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/score", #"{"customers": ["c1"]}"#)
            #expect(r.status == .notFound && r.json["code"] == "NoPurchases", "\(r.text)")
        }
    }

    @Test func eachRowIsTheRecommendersAnswerForThatCustomer() async throws {
        let db = try RecommendationRoutesTests.database()
        try await TestServer(database: db).run { c in
            let r = try await c.post(
                "/db/neo4j/score", #"{"customers": ["c2", "nobody", "c1"], "k": 2, "explain": true, "threads": 1}"#)
            #expect(r.status == .ok, "\(r.text)")
            let rows = (r.json["customers"]?.arrayValue ?? []).compactMap(ScoredCustomer.init(json:))
            #expect(rows.map(\.customer) == ["c2", "nobody", "c1"], "in the order asked")
            #expect(rows.map(\.knownCustomer) == [true, false, true])
            #expect(r.json["threads"]?.intValue == 1 && r.json["modelVersion"]?.intValue != nil)
            for row in rows {
                let expected = try db.recommend(customerID: row.customer, RecommendationRequest(k: 2, explain: true))
                #expect(row.items.map(\.product) == expected.items.map { expected.snapshot.property($0.product, "id")?.stringValue ?? "" })
                #expect(row.items.map(\.score) == expected.items.map(\.score))
                #expect(row.items.allSatisfy { $0.reason != nil })
                // (A customer who bought everything gets no items; the batch rows then say cold start, as `score` always wrote.)
                if !expected.items.isEmpty { #expect(row.coldStart == (expected.coldStartReason != nil)) }
                #expect(ScoredCustomer(json: row.json) == row, "the wire format round-trips")
            }
            let plain = try await c.post("/db/neo4j/score", #"{"customers": ["c1"], "strategy": "popular"}"#)
            #expect(plain.json["selection"] == .null)
            #expect(plain.json["customers"]?.arrayValue?.first?["items"]?.arrayValue?.first?["reason"] == nil, "no reason unless asked")
        }
    }

    @Test func aReaderMayScore() async throws {
        let (server, _, _, _) = try AccessRoutesTests.server()
        try await server.run { c in
            let r = try await c.request(.post, "/db/neo4j/score", body: #"{"customers": ["c1"]}"#, headers: AccessRoutesTests.reader)
            #expect(r.status == .ok, "\(r.text)")
            let none = try await c.request(.post, "/db/neo4j/score", body: #"{"customers": ["c1"]}"#)
            #expect(none.status == .unauthorized)
        }
    }
}
