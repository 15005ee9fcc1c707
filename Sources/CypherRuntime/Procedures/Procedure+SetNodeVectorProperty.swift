import CypherSyntax
import GraphStore

extension Procedure {
    /// Neo4j's `db.create.setNodeVectorProperty(node :: NODE, key :: STRING, vector :: LIST<FLOAT>)`: stores
    /// `vector` on the node as a float32 vector property (what vector indexes read), in the query's transaction.
    /// The body is run by the executor (`QueryExecutor.setNodeVectorProperty`), which holds the transaction.
    static let setNodeVectorProperty = Procedure(
        name: CallClause.setNodeVectorPropertyName,
        signature: SemanticChecker.ProcedureSignature(
            inputs: [("node", .node), ("key", .string), ("vector", .list(.float))], outputs: [])
    ) { _ in
        throw CypherRuntimeError(.procedureCallFailed, "\(CallClause.setNodeVectorPropertyName) runs inside a query")
    }
}

extension QueryExecutor {
    /// Runs `db.create.setNodeVectorProperty` for every row; rows pass through unchanged.
    func setNodeVectorProperty(_ c: CallClause, _ rows: [Row]) throws -> [Row] {
        let name = CallClause.setNodeVectorPropertyName
        for row in rows {
            let arguments: [Value]
            if let expressions = c.arguments {
                arguments = try expressions.map { try eval($0, row) }
            } else {
                arguments = ["node", "key", "vector"].map { parameters[$0] ?? .null }
            }
            guard arguments.count == 3 else {
                throw CypherRuntimeError(.procedureCallFailed, "\(name) takes (node, key, vector)")
            }
            guard case .node(let n) = arguments[0] else {
                if arguments[0].isNull { continue }
                throw CypherRuntimeError(.procedureCallFailed, "\(name): node must be a node, not \(arguments[0].typeName)")
            }
            guard case .string(let key) = arguments[1], !key.isEmpty else {
                throw CypherRuntimeError(.procedureCallFailed, "\(name): key must be a non-empty string")
            }
            guard case .list(let items) = arguments[2], !items.isEmpty else {
                throw CypherRuntimeError(
                    .procedureCallFailed, "\(name): vector must be a non-empty list of numbers, not \(arguments[2].typeName)")
            }
            var vector: [Float] = []
            vector.reserveCapacity(items.count)
            for item in items {
                let x: Float
                switch item {
                case .int(let i): x = Float(i)
                case .float(let d): x = Float(d)
                default: throw CypherRuntimeError(.procedureCallFailed, "\(name): vector holds a \(item.typeName)")
                }
                guard x.isFinite else {
                    throw CypherRuntimeError(.procedureCallFailed, "\(name): vector components must be finite float32 values")
                }
                vector.append(x)
            }
            try spend()
            try write { txn throws(GraphStoreError) in try txn.setProperty(n, key, .vector(vector)) }
        }
        return rows
    }
}
