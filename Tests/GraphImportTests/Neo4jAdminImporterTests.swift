import GraphImport
import GraphStore
import Testing
import TestSupport

@Suite struct Neo4jAdminImporterTests {
    func write(_ files: [String: String]) -> String {
        let dir = SharedData.temporaryDirectory()
        for (name, text) in files { SharedData.write(text, to: dir + "/" + name) }
        return dir
    }

    @Test func importsTypedNodesAndRelationships() throws {
        let dir = write([
            "customers.csv": "id:ID(Customer),name,age:int,vip:boolean,:LABEL\nc1,Ann,34,true,Customer;VIP\nc2,Bob,,false,Customer\n",
            "products.csv": "id:ID(Product),price:float,tags:string[],emb:vector\np1,9.5,red;mug,0.5;1;-2\np2,3,,\n",
            "purchased.csv": ":START_ID(Customer),:END_ID(Product),quantity:int\nc1,p1,2\nc1,p2,1\nc2,p1,5\n",
        ])
        let store = GraphStore()
        let report = try store.write { txn in
            try Neo4jAdminImporter().run(
                nodes: [NodeFile(path: dir + "/customers.csv"), NodeFile(path: dir + "/products.csv", labels: ["Product"])],
                relationships: [RelationshipFile(path: dir + "/purchased.csv", type: "PURCHASED")], into: &txn)
        }
        #expect(report.nodesCreated == 4 && report.relationshipsCreated == 3)
        let s = store.snapshot
        let ann = NodeID(0)
        #expect(Set(s.labelNames(of: ann)) == ["Customer", "VIP"])
        #expect(s.property(ann, "age") == 34 && s.property(ann, "vip") == true && s.property(ann, "id") == "c1")
        #expect(s.property(NodeID(1), "age") == nil)
        let p1 = NodeID(2)
        #expect(s.property(p1, "price") == 9.5)
        #expect(s.property(p1, "tags") == .list(["red", "mug"]))
        #expect(s.property(p1, "emb") == .vector([0.5, 1, -2]))
        let purchased = s.catalog.relationshipType("PURCHASED")!
        #expect(s.degree(of: ann, type: purchased, direction: .outgoing) == 2)
        #expect(s.degree(of: p1, type: purchased, direction: .incoming) == 2)
    }

    @Test func badValueNamesFileLineAndColumn() throws {
        let dir = write(["n.csv": "id:ID,age:int\na,1\nb,x2\n"])
        let store = GraphStore()
        let err = #expect(throws: ImportError.self) {
            try store.write { txn in try Neo4jAdminImporter().run(nodes: [NodeFile(path: dir + "/n.csv")], relationships: [], into: &txn) }
        }
        #expect(err?.code == .badValue)
        #expect(err?.file == dir + "/n.csv")
        #expect(err?.line == 3 && err?.column == 3)
        #expect(store.snapshot.nodeCount == 0, "a failed import must leave the store unchanged")
    }

    @Test func unknownEndIDAndUnknownTypeAndDuplicateIDAreReported() throws {
        let dir = write([
            "n.csv": "id:ID\na\nb\n",
            "dup.csv": "id:ID\nc\na\n",
            "r.csv": ":START_ID,:END_ID,:TYPE\na,b,KNOWS\na,zz,KNOWS\n",
            "h.csv": "id:ID,when:datetime\na,x\n",
        ])
        let store = GraphStore()
        let unknown = #expect(throws: ImportError.self) {
            try store.write { txn in
                try Neo4jAdminImporter().run(nodes: [NodeFile(path: dir + "/n.csv")], relationships: [RelationshipFile(path: dir + "/r.csv")], into: &txn)
            }
        }
        #expect(unknown?.code == .unknownID && unknown?.line == 3 && unknown?.column == 3)
        let dup = #expect(throws: ImportError.self) {
            try store.write { txn in
                try Neo4jAdminImporter().run(nodes: [NodeFile(path: dir + "/n.csv"), NodeFile(path: dir + "/dup.csv")], relationships: [], into: &txn)
            }
        }
        #expect(dup?.code == .duplicateID && dup?.line == 3 && dup?.column == 1)
        let header = #expect(throws: ImportError.self) {
            try store.write { txn in try Neo4jAdminImporter().run(nodes: [NodeFile(path: dir + "/h.csv")], relationships: [], into: &txn) }
        }
        #expect(header?.code == .badHeader && header?.line == 1 && header?.column == 7)
        #expect(store.snapshot.nodeCount == 0)
    }

    @Test func wrongFieldCountIsMalformed() throws {
        let dir = write(["n.csv": "id:ID,name\na,x\nb\n"])
        let err = #expect(throws: ImportError.self) {
            try GraphStore().write { txn in try Neo4jAdminImporter().run(nodes: [NodeFile(path: dir + "/n.csv")], relationships: [], into: &txn) }
        }
        #expect(err?.code == .malformedCSV && err?.line == 3)
    }
}
