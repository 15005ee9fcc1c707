import CypherRuntime
import Engine
import GraphImport
import GraphStore
import Recommend
import Testing
import TestSupport

/// A graph imported from plain neo4j-admin CSV files gets personalised recommendations, with the
/// default constraints and without them.
@Suite struct CSVImportRecommendationTests {
    func database(constraints: Bool) throws -> Database {
        let dir = ShopCSV.write()
        let db = Database()
        var importer = Neo4jAdminImporter()
        importer.createConstraints = constraints
        _ = try db.importCSV(
            nodes: [
                NodeFile(path: dir + "/customers.csv", labels: ["Customer"]),
                NodeFile(path: dir + "/products.csv", labels: ["Product"]),
            ],
            relationships: [RelationshipFile(path: dir + "/purchased.csv", type: "PURCHASED")], importer: importer)
        return db
    }

    @Test(arguments: [true, false]) func customersArePersonalisedAndNeverGetWhatTheyBought(constraints: Bool) throws {
        let db = try database(constraints: constraints)
        #expect(db.graph.snapshot.constraints.count == (constraints ? 2 : 0))
        for i in [0, 5, 23] {
            let r = try db.recommend(customerID: "c\(i)", RecommendationRequest(k: 5))
            #expect(r.knownCustomer && r.modelReady && r.coldStartReason == nil && r.historySize == 3)
            let ids = r.items.map { r.snapshot.property($0.product, "id")?.stringValue ?? "?" }
            #expect(ids.count == 5 && r.items.allSatisfy { !$0.coldStart })
            #expect(Set(ids).isDisjoint(with: ShopCSV.owned(i)), "c\(i) got \(ids)")
            #expect(r.items.first?.contributions.first?.signal == .itemKNN)
        }
        let unknown = try db.recommend(customerID: "c999", RecommendationRequest(k: 3))
        #expect(!unknown.knownCustomer && unknown.coldStartReason == .unknownCustomer)
        // The rec.* procedures and the co-purchase counter find the customer too.
        let rows = try db.query("CALL rec.forCustomer('c5', 7) YIELD product RETURN product.id AS id").rows
        let viaCypher = Set(rows.map { row -> String in if case .string(let s) = row[0] { s } else { "" } })
        #expect(viaCypher.count == 7 && viaCypher.isDisjoint(with: ShopCSV.owned(5)))
        #expect(db.coPurchases(customerID: "c5") != nil)
        #expect(try db.similarProducts(productID: "p3", k: 3)?.items.count == 3)
    }

    @Test(arguments: [true, false]) func cypherStartsFromTheKeyWithOrWithoutAConstraint(constraints: Bool) throws {
        let db = try database(constraints: constraints)
        let r = try db.query("MATCH (c:Customer {id: 'c7'})-[:PURCHASED]->(p) RETURN count(p) AS n")
        #expect(r.rows == [[.int(3)]])
        let plan = try db.query("EXPLAIN MATCH (c:Customer {id: 'c7'}) RETURN c").plan.joined(separator: " ")
        #expect(plan.contains(constraints ? "NodeUniqueIndexSeek" : "NodeByLabelScan"), "\(plan)")
    }
}
