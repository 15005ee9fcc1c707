import GraphStore
import Testing

@Suite struct ConstraintTests {
    func storeWithCustomers() throws -> GraphStore {
        let store = GraphStore()
        try store.write { txn in
            try txn.createUniqueConstraint(label: "Customer", key: "id")
            try txn.createNode(labels: ["Customer"], properties: ["id": "c1", "country": "UK"])
            try txn.createNode(labels: ["Customer"], properties: ["id": "c2"])
        }
        return store
    }

    @Test func duplicateCreateFailsAndChangesNothing() throws {
        let store = try storeWithCustomers()
        let before = store.snapshot
        #expect(throws: GraphStoreError.self) {
            try store.write { txn in
                try txn.createNode(labels: ["Customer"], properties: ["id": "c3"])
                try txn.createNode(labels: ["Customer"], properties: ["id": "c1"])
            }
        }
        let after = store.snapshot
        #expect(after.nodeCount == before.nodeCount)
        #expect(after.version == before.version)
        #expect(after.lookup(label: "Customer", key: "id", value: "c3") == nil)
    }

    @Test func failedOperationInsideTransactionLeavesItUnchanged() throws {
        let store = try storeWithCustomers()
        try store.write { txn in
            let c2 = txn.snapshot.lookup(label: "Customer", key: "id", value: "c2")!
            let err = #expect(throws: GraphStoreError.self) { try txn.setProperty(c2, "id", "c1") }
            #expect(err?.code == .constraintViolation)
            #expect(txn.snapshot.property(c2, "id") == "c2")
            #expect(txn.snapshot.lookup(label: "Customer", key: "id", value: "c1") != c2)
        }
    }

    @Test func integerAndFloatValuesCollide() throws {
        let store = GraphStore()
        #expect(throws: GraphStoreError.self) {
            try store.write { txn in
                try txn.createUniqueConstraint(label: "P", key: "k")
                try txn.createNode(labels: ["P"], properties: ["k": 1])
                try txn.createNode(labels: ["P"], properties: ["k": 1.0])
            }
        }
        #expect(store.snapshot.nodeCount == 0)
    }

    @Test func addingLabelChecksConstraint() throws {
        let store = try storeWithCustomers()
        try store.write { txn in
            let n = try txn.createNode(labels: ["Person"], properties: ["id": "c1"])
            #expect(throws: GraphStoreError.self) { try txn.addLabel(n, "Customer") }
            #expect(!txn.snapshot.labelNames(of: n).contains("Customer"))
        }
    }

    @Test func creatingConstraintOverDuplicatesFails() throws {
        let store = GraphStore()
        try store.write { txn in
            try txn.createNode(labels: ["X"], properties: ["k": "a"])
            try txn.createNode(labels: ["X"], properties: ["k": "a"])
        }
        let err = #expect(throws: GraphStoreError.self) {
            try store.write { txn in try txn.createUniqueConstraint(label: "X", key: "k") }
        }
        #expect(err?.code == .constraintViolation)
        #expect(store.snapshot.constraints.isEmpty)
    }

    @Test func dropConstraintAllowsDuplicates() throws {
        let store = try storeWithCustomers()
        try store.write { txn in
            try txn.dropConstraint(named: "constraint_Customer_id")
            try txn.createNode(labels: ["Customer"], properties: ["id": "c1"])
        }
        #expect(store.snapshot.nodeCount == 3)
        #expect(throws: GraphStoreError.self) {
            try store.write { txn in try txn.dropConstraint(named: "constraint_Customer_id") }
        }
    }

    @Test func deletedNodeFreesItsKey() throws {
        let store = try storeWithCustomers()
        try store.write { txn in
            let c1 = txn.snapshot.lookup(label: "Customer", key: "id", value: "c1")!
            try txn.deleteNode(c1)
            try txn.createNode(labels: ["Customer"], properties: ["id": "c1"])
        }
        #expect(store.snapshot.nodeCount == 2)
    }
}
