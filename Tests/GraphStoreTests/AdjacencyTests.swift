import GraphStore
import Testing

@Suite struct AdjacencyTests {
    /// Checks every adjacency invariant against a brute-force view derived from the relationship table.
    static func checkConsistent(_ s: GraphSnapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        for t in s.relationshipTypes {
            var expectedOut: [NodeID: [RelationshipID]] = [:]
            var expectedIn: [NodeID: [RelationshipID]] = [:]
            for r in 0..<s.relationshipIDLimit {
                let rel = RelationshipID(r)
                guard s.contains(rel), s.type(of: rel) == t else { continue }
                #expect(s.contains(s.source(of: rel)), sourceLocation: sourceLocation)
                #expect(s.contains(s.target(of: rel)), sourceLocation: sourceLocation)
                expectedOut[s.source(of: rel), default: []].append(rel)
                expectedIn[s.target(of: rel), default: []].append(rel)
            }
            for n in 0..<s.nodeIDLimit {
                let node = NodeID(n)
                let out = s.relationships(of: node, type: t, direction: .outgoing).map(\.relationship)
                let inc = s.relationships(of: node, type: t, direction: .incoming).map(\.relationship)
                #expect(Set(out) == Set(expectedOut[node] ?? []), sourceLocation: sourceLocation)
                #expect(Set(inc) == Set(expectedIn[node] ?? []), sourceLocation: sourceLocation)
                #expect(s.degree(of: node, type: t, direction: .outgoing) == out.count, sourceLocation: sourceLocation)
                #expect(s.degree(of: node, type: t, direction: .incoming) == inc.count, sourceLocation: sourceLocation)
                for r in out { #expect(s.source(of: r) == node, sourceLocation: sourceLocation) }
            }
        }
    }

    @Test func detachDeleteRemovesEveryRelationship() throws {
        let store = GraphStore()
        let (a, b, c) = try store.write { txn in
            let a = try txn.createNode(labels: ["Customer"])
            let b = try txn.createNode(labels: ["Product"])
            let c = try txn.createNode(labels: ["Product"])
            try txn.createRelationship(from: a, to: b, type: "PURCHASED")
            try txn.createRelationship(from: a, to: b, type: "PURCHASED")
            try txn.createRelationship(from: a, to: c, type: "VIEWED")
            try txn.createRelationship(from: b, to: c, type: "SIMILAR_TO")
            try txn.createRelationship(from: a, to: a, type: "REFERRED_BY")
            return (a, b, c)
        }
        #expect(store.snapshot.degree(of: a, type: nil, direction: .outgoing) == 4)
        let err = #expect(throws: GraphStoreError.self) { try store.write { try $0.deleteNode(a) } }
        #expect(err?.code == .nodeHasRelationships)
        try store.write { try $0.deleteNode(a, detach: true) }
        let s = store.snapshot
        #expect(s.nodeCount == 2)
        #expect(s.relationshipCount == 1)
        #expect(s.degree(of: b, type: nil, direction: .incoming) == 0)
        #expect(s.neighbors(of: b, type: nil, direction: .outgoing) == [c])
        Self.checkConsistent(s)
    }

    @Test func randomWritesKeepAdjacencyConsistentAcrossCompactions() throws {
        var rng = SplitMix(seed: 7)
        let store = GraphStore()
        try store.write { txn in
            for i in 0..<300 { try txn.createNode(labels: [i % 2 == 0 ? "A" : "B"]) }
        }
        // Enough writes to cross the 4,096-entry compaction threshold several times,
        // mixing single creates, bulk creates and deletes.
        for round in 0..<40 {
            try store.write { txn in
                let t = try txn.relationshipType(round % 3 == 0 ? "X" : "Y")
                let snapshot = txn.snapshot
                func live() -> NodeID {
                    while true {
                        let n = NodeID(Int(rng.next() % 300))
                        if snapshot.contains(n) { return n }
                    }
                }
                if round % 4 == 0 {
                    var batch: [NewRelationship] = []
                    for _ in 0..<900 {
                        batch.append(NewRelationship(
                            source: live(), target: live(), type: t))
                    }
                    try txn.createRelationships(batch)
                } else {
                    for _ in 0..<300 {
                        try txn.createRelationship(
                            from: live(), to: live(), type: t)
                    }
                }
                let limit = txn.snapshot.relationshipIDLimit
                for _ in 0..<150 {
                    let r = RelationshipID(Int(rng.next() % UInt64(limit)))
                    if txn.snapshot.contains(r) { try txn.deleteRelationship(r) }
                }
                if round % 10 == 9 { try txn.deleteNode(live(), detach: true) }
            }
            if round % 8 == 7 { Self.checkConsistent(store.snapshot) }
        }
        Self.checkConsistent(store.snapshot)
        try store.write { $0.compactAll() }
        Self.checkConsistent(store.snapshot)
    }

    @Test func deleteRelationshipTwiceFails() throws {
        let store = GraphStore()
        let r = try store.write { txn in
            let a = try txn.createNode(labels: ["A"])
            return try txn.createRelationship(from: a, to: a, type: "T")
        }
        try store.write { try $0.deleteRelationship(r) }
        let err = #expect(throws: GraphStoreError.self) { try store.write { try $0.deleteRelationship(r) } }
        #expect(err?.code == .relationshipNotFound)
    }
}

/// A small deterministic generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
