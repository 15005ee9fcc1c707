import Foundation
import GraphStore
import Testing

@Suite struct SnapshotIsolationTests {
    @Test func readerSnapshotIsUnaffectedByLaterWrites() throws {
        let store = GraphStore()
        let a = try store.write { txn in
            let a = try txn.createNode(labels: ["A"], properties: ["v": 1])
            for _ in 0..<10 { try txn.createRelationship(from: a, to: try txn.createNode(labels: ["B"]), type: "T") }
            return a
        }
        let reader = store.snapshot
        try store.write { txn in
            try txn.setProperty(a, "v", 2)
            try txn.createRelationship(from: a, to: a, type: "T")
            let b = txn.snapshot.neighbors(of: a, type: nil, direction: .outgoing)[0]
            try txn.deleteNode(b, detach: true)
        }
        #expect(reader.property(a, "v") == 1)
        #expect(reader.degree(of: a, type: nil, direction: .outgoing) == 10)
        #expect(reader.nodeCount == 11)
        #expect(store.snapshot.property(a, "v") == 2)
        #expect(store.snapshot.degree(of: a, type: nil, direction: .outgoing) == 10)
        #expect(store.snapshot.nodeCount == 10)
    }

    /// Readers on other threads, while one writer keeps committing, must always see a state in
    /// which the writer's invariant holds: every committed write adds one A node and one
    /// relationship to the hub, and bumps the hub's counter, in a single transaction.
    @Test func concurrentReadersSeeOnlyCommittedStates() async throws {
        let store = GraphStore()
        let hub = try store.write { txn in try txn.createNode(labels: ["Hub"], properties: ["n": 0]) }
        let writes = 400
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 1...writes {
                    try store.write { txn in
                        let n = try txn.createNode(labels: ["A"], properties: ["i": .int(Int64(i))])
                        try txn.createRelationship(from: hub, to: n, type: "HAS")
                        try txn.setProperty(hub, "n", .int(Int64(i)))
                    }
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var checks = 0
                    while true {
                        let s = store.snapshot
                        let n = Int(s.property(hub, "n")?.intValue ?? -1)
                        let a = s.catalog.label("A").map { s.nodeCount(label: $0) } ?? 0
                        let deg = s.degree(of: hub, type: nil, direction: .outgoing)
                        let listed = s.neighbors(of: hub, type: nil, direction: .outgoing).count
                        guard n == a && a == deg && deg == listed else { return -1 }
                        checks += 1
                        if n == writes { return checks }
                        await Task.yield()
                    }
                }
            }
            for try await r in group { #expect(r >= 0, "a reader saw a half-applied write") }
        }
    }
}
