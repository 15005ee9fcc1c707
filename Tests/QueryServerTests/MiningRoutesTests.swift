import Engine
import GraphStore
import HTTPTypes
import QueryServer
import Testing

/// `POST /db/{db}/mine` and `POST /db/{db}/similar-to`: settings validated before anything runs (400 with a
/// JSON `{code, message}`), admins only under access control, the answer's counts as written.
@Suite struct MiningRoutesTests {
    @Test func badSettingsAreA400AndNothingIsWritten() async throws {
        let db = try RecommendationRoutesTests.database()
        let before = db.graph.snapshot.version
        try await TestServer(database: db).run { c in
            for (path, body, code) in [
                ("mine", #"{"minCount": 0}"#, "BadRequest"), ("mine", #"{"minCount": 2.5}"#, "BadRequest"),
                ("mine", #"{"minSupport": 1.5}"#, "BadRequest"), ("mine", #"{"minLift": "high"}"#, "BadRequest"),
                ("mine", #"{"minCont": 2}"#, "BadRequest"), ("mine", "[1]", "BadRequest"), ("mine", #"{"minCount": "#, "InvalidJSON"),
                ("similar-to", #"{"k": 0}"#, "BadRequest"), ("similar-to", #"{"minSimilarity": -1}"#, "BadRequest"),
            ] {
                let r = try await c.post("/db/neo4j/" + path, body)
                #expect(r.status == .badRequest, "\(path) \(body): \(r.text)")
                #expect(r.json["code"]?.stringValue == code, "\(path) \(body): \(r.text)")
                #expect(r.json["message"]?.stringValue?.isEmpty == false, "\(r.text)")
            }
        }
        #expect(db.graph.snapshot.version == before)
    }

    @Test func mineAnswersWhatItWroteAndSimilarToWritesItsRelationships() async throws {
        let db = try RecommendationRoutesTests.database()
        try await TestServer(database: db).run { c in
            // database() mined with these thresholds already: the same run keeps every pair as it is.
            let mine = try await c.post("/db/neo4j/mine", #"{"minCount": 1, "minLift": 0}"#)
            #expect(mine.status == .ok, "\(mine.text)")
            let s = db.graph.snapshot
            let stored = s.relationshipCount(type: try #require(s.catalog.relationshipType("FREQUENTLY_BOUGHT_WITH")))
            #expect(mine.json["kept"]?.intValue == Int64(stored) && stored > 0)
            #expect(mine.json["changes"]?["unchanged"]?.intValue == Int64(stored))
            #expect(mine.json["changes"]?["created"]?.intValue == 0 && mine.json["baskets"]?.intValue == 3)
            let top = mine.json["top"]?.arrayValue ?? []
            #expect(!top.isEmpty && top.count <= 5 && top[0]["first"]?["description"]?.stringValue?.hasPrefix("item ") == true)

            let similar = try await c.post("/db/neo4j/similar-to", #"{"k": 2}"#)
            #expect(similar.status == .ok, "\(similar.text)")
            let after = db.graph.snapshot
            let written = after.relationshipCount(type: try #require(after.catalog.relationshipType("SIMILAR_TO")))
            #expect(similar.json["created"]?.intValue == Int64(written) && written > 0)
        }
    }

    @Test func withoutPurchasesItIsA404() async throws {
        try await TestServer().run { c in
            let r = try await c.post("/db/neo4j/mine", "")
            #expect(r.status == .notFound && r.json["code"] == "NoPurchases", "\(r.text)")
        }
    }

    @Test func onlyAnAdminMinesOrMaterialises() async throws {
        let (server, _, readerKey, _) = try AccessRoutesTests.server()
        let before = server.database.graph.snapshot.version
        try await server.run { c in
            for path in ["/db/neo4j/mine", "/db/neo4j/similar-to"] {
                for auth in [AccessRoutesTests.reader, [.authorization: "Bearer \(readerKey)"] as HTTPFields] {
                    // Refused before the body is read: a bad body is still a 403.
                    for body in ["{}", #"{"k": -1, "minCount": -1}"#] {
                        let r = try await c.request(.post, path, body: body, headers: auth)
                        #expect(r.status == .forbidden, "\(path): \(r.text)")
                        #expect(r.json["code"] == "Neo.ClientError.Security.Forbidden", "\(path): \(r.text)")
                    }
                }
            }
            #expect(server.database.graph.snapshot.version == before)
            let admin = try await c.request(.post, "/db/neo4j/mine", body: #"{"minCount": 1}"#, headers: AccessRoutesTests.admin)
            #expect(admin.status == .ok, "\(admin.text)")
        }
    }
}
