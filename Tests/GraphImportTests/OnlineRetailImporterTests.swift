import GraphImport
import GraphStore
import Testing
import TestSupport

@Suite struct OnlineRetailImporterTests {
    /// The counts the dataset README publishes for the clean-purchases view.
    @Test(.enabled(if: SharedData.onlineRetail != nil, "needs datasets/online-retail or ../shared/datasets"))
    func importCountsMatchTheDatasetREADME() throws {
        let store = GraphStore()
        let report = try store.write { txn in try OnlineRetailImporter.run(path: SharedData.onlineRetail!, into: &txn) }
        #expect(report.linesRead == 541_909)
        #expect(report.purchases == 397_884)
        #expect(report.customers == 4_338)
        #expect(report.products == 3_665)
        #expect(report.baskets == 18_532)
        #expect(report.customerProductPairs == 266_792)
        #expect(report.linesRead == report.purchases + report.skippedTotal)
        let s = store.snapshot
        let customer = s.catalog.label("Customer")!
        let product = s.catalog.label("Product")!
        let purchased = s.catalog.relationshipType("PURCHASED")!
        #expect(s.nodeCount(label: customer) == 4_338)
        #expect(s.nodeCount(label: product) == 3_665)
        #expect(s.relationshipCount(type: purchased) == 397_884)
        // The first line of the file: customer 17850 bought 85123A on 2010-12-01 08:26.
        let c = s.lookup(label: "Customer", key: "id", value: "17850")!
        let p = s.lookup(label: "Product", key: "id", value: "85123A")!
        #expect(s.property(c, "country") == "United Kingdom")
        #expect(s.property(p, "description") == "WHITE HANGING HEART T-LIGHT HOLDER")
        let first = s.relationships(of: c, type: purchased, direction: .outgoing).first!
        #expect(first.neighbor == p)
        #expect(s.property(first.relationship, s.catalog.propertyKey("timestamp")!) == .int(1_291_191_960))
        #expect(s.property(first.relationship, s.catalog.propertyKey("quantity")!) == 6)
    }

    @Test func cleanRulesAndSkipReasons() throws {
        let dir = SharedData.temporaryDirectory()
        let path = dir + "/retail.csv"
        SharedData.write(
            """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            1,A1,MUG ,2,2011-01-02 10:00:00,1.5,100,UK
            1,A2,"CUP, BLUE",1,2011-01-02 10:00:00,2.0,100,UK
            C2,A1,MUG,-1,2011-01-03 10:00:00,1.5,100,UK
            A3,B,Adjust bad debt,1,2011-01-03 10:00:00,-11062.06,,UK
            4,A1,MUG,1,2011-01-04 10:00:00,1.5,,UK
            5,A1,?,-5,2011-01-04 10:00:00,0.0,200,FR
            6,A1,MUG,1,2011-01-04 10:00:00,0.0,200,FR
            7,A1,mug,3,2011-01-05 10:00:00,1.6,200,FR

            """, to: path)
        let store = GraphStore()
        let report = try store.write { txn in try OnlineRetailImporter.run(path: path, into: &txn) }
        #expect(report.linesRead == 8 && report.purchases == 3)
        #expect(report.skipped[.cancellation] == 1 && report.skipped[.adjustment] == 1)
        #expect(report.skipped[.missingCustomer] == 1 && report.skipped[.nonPositiveQuantity] == 1)
        #expect(report.skipped[.nonPositivePrice] == 1)
        #expect(report.customers == 2 && report.products == 2 && report.baskets == 2)
        let s = store.snapshot
        let a1 = s.lookup(label: "Product", key: "id", value: "A1")!
        #expect(s.property(a1, "description") == "MUG")
        #expect(s.property(a1, "unitPrice") == 1.5)
    }

    @Test func badDateNamesLineAndColumn() throws {
        let dir = SharedData.temporaryDirectory()
        let path = dir + "/retail.csv"
        SharedData.write(
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "1,A1,MUG,2,2011-01-02 10:00:00,1.5,100,UK\n1,A1,MUG,2,02/01/2011 10:00,1.5,100,UK\n", to: path)
        let store = GraphStore()
        let err = #expect(throws: ImportError.self) {
            try store.write { txn in try OnlineRetailImporter.run(path: path, into: &txn) }
        }
        #expect(err?.code == .badValue && err?.line == 3 && err?.column == 12)
        #expect(store.snapshot.nodeCount == 0)
    }
}
