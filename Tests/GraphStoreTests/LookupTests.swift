import GraphStore
import Testing

/// Finding a node by key works the same with and without a uniqueness constraint.
@Suite struct LookupTests {
    /// 200 customers `c0`…`c199` (one deleted, one relabelled, one holding an integer id), with or without a constraint.
    func store(constraint: Bool) throws -> GraphStore {
        let store = GraphStore()
        try store.write { txn in
            if constraint { try txn.createUniqueConstraint(label: "Customer", key: "id") }
            for i in 0..<200 { try txn.createNode(labels: ["Customer"], properties: ["id": .string("c\(i)")]) }
            try txn.createNode(labels: ["Product"], properties: ["id": "p1"])
            try txn.createNode(labels: ["Customer"], properties: ["id": .int(7)])
        }
        try store.write { txn in
            let gone = txn.snapshot.lookup(label: "Customer", key: "id", value: "c150")!
            try txn.deleteNode(gone, detach: true)
            let c3 = txn.snapshot.lookup(label: "Customer", key: "id", value: "c3")!
            try txn.setProperty(c3, "id", "renamed")
        }
        return store
    }

    @Test(arguments: [true, false]) func findsLiveNodesAndNothingElse(constraint: Bool) throws {
        let s = try store(constraint: constraint).snapshot
        #expect(s.constraints.isEmpty == !constraint)
        let c0 = try #require(s.lookup(label: "Customer", key: "id", value: "c0"))
        #expect(s.property(c0, "id") == "c0")
        let c199 = try #require(s.lookup(label: "Customer", key: "id", value: "c199"))
        #expect(s.property(c199, "id") == "c199")
        // Deleted, renamed, another label, an unknown key or label: not found.
        #expect(s.lookup(label: "Customer", key: "id", value: "c150") == nil)
        #expect(s.lookup(label: "Customer", key: "id", value: "c3") == nil)
        #expect(s.lookup(label: "Customer", key: "id", value: "renamed") != nil)
        #expect(s.lookup(label: "Customer", key: "id", value: "p1") == nil)
        #expect(s.lookup(label: "Customer", key: "email", value: "c0") == nil)
        #expect(s.lookup(label: "Shop", key: "id", value: "c0") == nil)
        // Numbers compare as the constraint index compares them.
        #expect(s.lookup(label: "Customer", key: "id", value: .double(7)) != nil)
        #expect(s.lookup(label: "Customer", key: "id", value: "7") == nil)

        let index = s.keyIndex(label: "Customer", key: "id")
        #expect(index.lookup("c0") == c0)
        #expect(index.lookup("c150") == nil)
        #expect(index.lookup(.int(7)) == s.lookup(label: "Customer", key: "id", value: .int(7)))
        for i in [1, 42, 199] {
            #expect(index.lookup(.string("c\(i)")) == s.lookup(label: "Customer", key: "id", value: .string("c\(i)")))
        }
    }

    @Test func withoutAConstraintTheSmallestIDWinsAmongDuplicates() throws {
        let store = GraphStore()
        let (a, _) = try store.write { txn in
            (
                try txn.createNode(labels: ["Customer"], properties: ["id": "dup"]),
                try txn.createNode(labels: ["Customer"], properties: ["id": "dup"])
            )
        }
        #expect(store.snapshot.lookup(label: "Customer", key: "id", value: "dup") == a)
        #expect(store.snapshot.keyIndex(label: "Customer", key: "id").lookup("dup") == a)
    }
}
