import CypherRuntime
import Engine
import GraphStore
import Neo4jMirror
import Synchronization

/// A mirror target that runs the statements on a graph in this process, in one transaction per call,
/// the way the HTTP transaction API would. Faults can be injected: `failAfterCommit` makes every n-th
/// call commit and then throw a transient error (an acknowledgement lost on the way back), so the
/// mirror sends the same request again.
final class DatabaseTarget: MirrorTarget {
    let database: Database
    let failAfterCommit: Int
    private let calls = Atomic<Int>(0)
    private let injected = Atomic<Int>(0)

    init(_ database: Database = Database(), failAfterCommit: Int = 0) {
        self.database = database
        self.failAfterCommit = failAfterCommit
    }

    var faults: Int { injected.load(ordering: .relaxed) }

    func run(_ statements: [MirrorStatement]) throws(MirrorError) {
        do {
            if statements.count == 1, statements[0].schema {
                _ = try database.query(statements[0].text)
            } else {
                var txn = database.beginTransaction()
                for s in statements {
                    var parameters = s.parameters.mapValues { Value($0) }
                    parameters["rows"] = Value.list(s.rows.map { Value(PropertyValue.map($0)) })
                    _ = try database.query(s.text, parameters: parameters, in: &txn)
                }
                try database.commit(txn)
            }
        } catch {
            throw MirrorError(.neo4j, "\(error)")
        }
        let n = calls.add(1, ordering: .relaxed).newValue
        if failAfterCommit > 0 && n % failAfterCommit == 0 {
            injected.add(1, ordering: .relaxed)
            throw MirrorError(.transport, "injected: the answer was lost after the commit", transient: true)
        }
    }
}
