import GraphImport
import GraphStore
import Testing
import TestSupport

/// An import gives each named id column a uniqueness constraint on its label and id property, in every ID space,
/// unless told not to.
@Suite struct Neo4jAdminConstraintTests {
    func write(_ files: [String: String]) -> String {
        let dir = SharedData.temporaryDirectory()
        for (name, text) in files { SharedData.write(text, to: dir + "/" + name) }
        return dir
    }

    func run(_ dir: String, _ importer: Neo4jAdminImporter, nodes: [NodeFile], into store: GraphStore = GraphStore())
        throws -> (GraphStore, CSVImportReport)
    {
        let report = try store.write { txn in
            try importer.run(
                nodes: nodes, relationships: [RelationshipFile(path: dir + "/purchased.csv", type: "PURCHASED")],
                into: &txn)
        }
        return (store, report)
    }

    static let files = [
        "customers.csv": "id:ID(Customer),name\nc1,Ann\nc2,Bob\n",
        "products.csv": "sku:ID(Item),price:float\np1,9.5\np2,3\n",
        "purchased.csv": ":START_ID(Customer),:END_ID(Item)\nc1,p1\nc2,p1\nc2,p2\n",
    ]

    @Test func eachIDSpaceGetsAConstraintOnItsLabelAndKey() throws {
        let dir = write(Self.files)
        // Customer: the space is named after the label; Item: the file's label is Product and the key is sku.
        let (store, report) = try run(
            dir, Neo4jAdminImporter(),
            nodes: [
                NodeFile(path: dir + "/customers.csv", labels: ["Customer"]),
                NodeFile(path: dir + "/products.csv", labels: ["Product"]),
            ])
        let s = store.snapshot
        #expect(report.constraintsCreated.map(\.name) == ["constraint_Customer_id", "constraint_Product_sku"])
        #expect(report.constraintsSkipped.isEmpty)
        #expect(s.constraints.map(\.name).sorted() == ["constraint_Customer_id", "constraint_Product_sku"])
        #expect(s.lookup(label: "Product", key: "sku", value: "p2") != nil)
        // The constraint holds from now on.
        #expect(throws: GraphStoreError.self) {
            try store.write { txn in try txn.createNode(labels: ["Customer"], properties: ["id": "c1"]) }
        }
    }

    @Test func theFlagSkipsThemAndLookupsStillWork() throws {
        let dir = write(Self.files)
        var importer = Neo4jAdminImporter()
        importer.createConstraints = false
        let (store, report) = try run(
            dir, importer,
            nodes: [
                NodeFile(path: dir + "/customers.csv", labels: ["Customer"]),
                NodeFile(path: dir + "/products.csv", labels: ["Product"]),
            ])
        let s = store.snapshot
        #expect(s.constraints.isEmpty && report.constraintsCreated.isEmpty)
        let c2 = try #require(s.lookup(label: "Customer", key: "id", value: "c2"))
        #expect(s.property(c2, "name") == "Bob")
        #expect(s.lookup(label: "Product", key: "sku", value: "p1") != nil)
    }

    @Test func filesOfTheGlobalSpaceEachGetTheirOwn() throws {
        // The global space (no name) holding two files with different keys and labels, a third file sharing one
        // of them, and a file whose id column has no name.
        let dir = write([
            "readers.csv": "readerId:ID,name\nr1,Ann\nr2,Bob\n",
            "more-readers.csv": "readerId:ID,name\nr3,Cy\n",
            "books.csv": "bookId:ID,title\nb1,Dune\nb2,Emma\n",
            "tags.csv": ":ID,word\nt1,sf\n",
            "purchased.csv": ":START_ID,:END_ID\nr1,b1\nr3,b2\n",
        ])
        let (store, report) = try run(
            dir, Neo4jAdminImporter(),
            nodes: [
                NodeFile(path: dir + "/readers.csv", labels: ["Reader"]),
                NodeFile(path: dir + "/books.csv", labels: ["Book"]),
                NodeFile(path: dir + "/more-readers.csv", labels: ["Reader", "Member"]),
                NodeFile(path: dir + "/tags.csv", labels: ["Tag"]),
            ])
        #expect(report.constraintsCreated.map(\.name) == ["constraint_Reader_readerId", "constraint_Book_bookId"])
        #expect(report.constraintsSkipped.isEmpty, "\(report.constraintsSkipped)")
        let s = store.snapshot
        #expect(s.lookup(label: "Reader", key: "readerId", value: "r3") != nil)
        #expect(s.lookup(label: "Book", key: "bookId", value: "b2") != nil)
        #expect(s.relationshipCount == 2)
    }

    @Test func spacesWithoutACommonLabelOrWithClashingValuesAreReportedNotFatal() throws {
        let dir = write([
            // Global space (no name) mixing two labels; a Customer already holding c1 before the import.
            "mixed.csv": "id:ID,:LABEL\nx1,Customer\nx2,Product\n",
            "customers.csv": "id:ID(Customer)\nc1\nc2\n",
            "purchased.csv": ":START_ID(Customer),:END_ID\nc1,x2\n",
        ])
        let store = GraphStore()
        try store.write { txn in _ = try txn.createNode(labels: ["Customer"], properties: ["id": "c1"]) }
        let (_, report) = try run(
            dir, Neo4jAdminImporter(),
            nodes: [NodeFile(path: dir + "/mixed.csv"), NodeFile(path: dir + "/customers.csv", labels: ["Customer"])],
            into: store)
        #expect(report.constraintsCreated.isEmpty)
        #expect(report.constraintsSkipped.count == 2, "\(report.constraintsSkipped)")
        #expect(report.constraintsSkipped.contains { $0.contains("global ID space") && $0.contains("share no label") })
        #expect(report.constraintsSkipped.contains { $0.contains("ID space `Customer`") && $0.contains("c1") })
        #expect(store.snapshot.nodeCount == 5)  // the import itself went through
    }
}
