import CypherRuntime
import CypherSyntax
import GraphStore
import Persistence
import VectorIndex

extension Database {
    /// `db.index.vector.queryNodes(indexName, k, vector) YIELD node, score`, as in Neo4j 5: the `k` nodes of the
    /// index nearest to `vector`, best first, with Neo4j's cosine score convention (1 + cos) / 2 in [0, 1].
    var vectorProcedures: [Procedure] {
        let signature = SemanticChecker.ProcedureSignature(
            inputs: [("indexName", .string), ("numberOfNearestNeighbours", .integer), ("query", .list(.float))],
            outputs: [("node", .node), ("score", .float)])
        let queryNodes = Procedure(name: "db.index.vector.queryNodes", signature: signature) { [weak self] arguments in
            guard let self else { return [] }
            guard case .string(let name) = arguments[0] else {
                throw CypherRuntimeError(.invalidArgumentType, "indexName must be a string, not \(arguments[0].typeName)")
            }
            guard case .int(let k) = arguments[1], k >= 1 else {
                throw CypherRuntimeError(
                    .invalidArgumentValue, "numberOfNearestNeighbours must be a positive integer, not \(arguments[1])")
            }
            guard case .list(let items) = arguments[2] else {
                throw CypherRuntimeError(.invalidArgumentType, "query must be a list of numbers, not \(arguments[2].typeName)")
            }
            var vector: [Float] = []
            vector.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .float(let d): vector.append(Float(d))
                case .int(let i): vector.append(Float(i))
                default:
                    throw CypherRuntimeError(.invalidArgumentType, "query must be a list of numbers, found \(item.typeName)")
                }
            }
            guard let entry = vectorIndexes.index(named: name) else {
                throw CypherRuntimeError(.procedureCallFailed, "there is no vector index named `\(name)`")
            }
            let hits: [SearchHit]
            do {
                hits = try entry.index.search(vector, k: Int(clamping: k))
            } catch let error as VectorIndexError {
                throw CypherRuntimeError(.procedureCallFailed, error.message)
            }
            // Rounding can put a cosine a hair outside [-1, 1]; the score stays in [0, 1] as in Neo4j.
            return hits.map { [.node(NodeID($0.id)), .float(min(1, max(0, Double((1 + $0.score) / 2))))] }
        }
        return [queryNodes]
    }
}

/// The database's vector indexes as the Cypher schema commands see them.
struct DatabaseVectorCatalog: VectorIndexCatalog {
    let database: Database

    func vectorIndexDescriptions() -> [VectorIndexDescription] {
        database.vectorIndexes.all.map { e in
            let d = e.definition
            return VectorIndexDescription(
                name: d.name, label: d.label, property: d.property, dimensions: d.dimensions, similarity: d.similarity,
                lists: e.index.lists, count: e.index.count)
        }
    }

    func createVectorIndex(name: String, label: String, property: String, dimensions: Int?, lists: Int?) throws {
        let s = database.graph.snapshot
        var d = dimensions
        if d == nil, let l = s.catalog.label(label), let k = s.catalog.propertyKey(property) {
            s.forEachNode(label: l) { n in
                if d == nil, let v = VectorIndexes.vector(s.property(n, k)) { d = v.count }
            }
        }
        guard let d else {
            throw CypherRuntimeError(
                .invalidArgumentValue,
                "no :\(label) node has a vector `\(property)` yet: an IVF index trains on the vectors present, so create it after loading them")
        }
        try database.createVectorIndex(name: name, label: label, property: property, dimensions: d, lists: lists)
    }

    func dropVectorIndex(name: String) throws {
        try database.dropVectorIndex(name: name)
    }
}
