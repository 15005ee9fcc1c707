import CypherRuntime
import CypherSyntax
import GraphStore
import Persistence
import VectorIndex

extension Database {
    /// `db.index.vector.queryNodes(indexName, k, vector [, options]) YIELD node, score`, as in Neo4j 5: the `k`
    /// nodes of the index nearest to `vector`, best first, with Neo4j's cosine score convention (1 + cos) / 2 in
    /// [0, 1], computed from the nodes' stored float32 vectors.
    ///
    /// `options` (ours; Neo4j's procedure has three arguments) is a map of `recall` (recall@10 to aim for, in
    /// (0, 1]), `probes` (lists to scan) or `exact` (scan everything); without it the index's recall target applies.
    /// An unknown index, a vector of the wrong dimension or a bad option fail with Neo4j's
    /// `Neo.ClientError.Procedure.ProcedureCallFailed`.
    var vectorProcedures: [Procedure] {
        let signature = SemanticChecker.ProcedureSignature(
            inputs: [
                ("indexName", .string), ("numberOfNearestNeighbours", .integer), ("query", .list(.float)),
                ("options", .any),
            ],
            outputs: [("node", .node), ("score", .float)], optionalInputs: 1)
        let queryNodes = Procedure(name: "db.index.vector.queryNodes", signature: signature) { [weak self] arguments in
            guard let self else { return [] }
            guard case .string(let name) = arguments[0] else {
                throw CypherRuntimeError(.invalidArgumentType, "indexName must be a string, not \(arguments[0].typeName)")
            }
            guard case .int(let k) = arguments[1], k >= 1 else {
                throw CypherRuntimeError(
                    .procedureCallFailed, "numberOfNearestNeighbours must be a positive integer, not \(arguments[1])")
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
            let options = try Self.searchOptions(arguments.count > 3 ? arguments[3] : .null)
            guard let entry = vectorIndexes.index(named: name) else {
                throw CypherRuntimeError(.procedureCallFailed, "There is no such vector schema index: \(name)")
            }
            guard vector.count == entry.definition.dimensions else {
                throw CypherRuntimeError(
                    .procedureCallFailed,
                    "Index query vector has \(vector.count) dimensions, but indexed vectors have \(entry.definition.dimensions).")
            }
            let hits: [SearchHit]
            do {
                hits = try entry.search(
                    vector, k: Int(clamping: min(k, Int64(IVFFlatIndex.maxK))), options: options, snapshot: graph.snapshot)
            } catch let error as VectorIndexError {
                throw CypherRuntimeError(.procedureCallFailed, error.message)
            }
            // Rounding can put a cosine a hair outside [-1, 1]; the score stays in [0, 1] as in Neo4j.
            return hits.map { [.node(NodeID($0.id)), .float(min(1, max(0, (1 + Double($0.score)) / 2)))] }
        }
        return [queryNodes]
    }

    /// The per-call options map of `queryNodes`.
    static func searchOptions(_ value: Value) throws -> SearchOptions {
        var o = SearchOptions()
        switch value {
        case .null: return o
        case .map(let m):
            for (key, v) in m {
                switch (key, v) {
                case ("recall", .float(let d)) where d > 0 && d <= 1: o.recall = d
                case ("recall", .int(1)): o.recall = 1
                case ("probes", .int(let p)) where p >= 1: o.probes = Int(clamping: p)
                case ("exact", .bool(let b)): o.exact = b
                case ("recall", _), ("probes", _), ("exact", _):
                    throw CypherRuntimeError(
                        .procedureCallFailed,
                        "option `\(key)` must be \(key == "recall" ? "a number in (0, 1]" : key == "probes" ? "a positive integer" : "true or false"), not \(v)")
                default:
                    throw CypherRuntimeError(
                        .procedureCallFailed, "unknown vector search option `\(key)` (known: recall, probes, exact)")
                }
            }
            return o
        default:
            throw CypherRuntimeError(.procedureCallFailed, "the options argument must be a map, not \(value.typeName)")
        }
    }
}

/// The database's vector indexes as the Cypher schema commands see them.
struct DatabaseVectorCatalog: VectorIndexCatalog {
    let database: Database

    func vectorIndexDescriptions() -> [VectorIndexDescription] {
        database.vectorIndexes.all.map { e in
            let d = e.definition
            let policy = e.index.policy
            let probes = e.index.calibratedProbes()
            return VectorIndexDescription(
                name: d.name, label: d.label, property: d.property, dimensions: d.dimensions, similarity: d.similarity,
                lists: e.index.lists, count: e.index.count, recallTarget: policy.recallTarget,
                quantization: policy.quantization, exact: e.index.searchesExactly || policy.recallTarget >= 1,
                probes: probes, expectedRecall: probes.flatMap { e.index.calibration?.expectedRecall(probes: $0) })
        }
    }

    func createVectorIndex(name: String, label: String, property: String, options: VectorIndexOptions) throws {
        guard let d = options.dimensions ?? database.vectorDimensions(label: label, property: property) else {
            throw CypherRuntimeError(
                .invalidArgumentValue,
                "no :\(label) node has a vector `\(property)` yet, so give the dimension: OPTIONS {indexConfig: {`vector.dimensions`: n}}")
        }
        do {
            try database.createVectorIndex(
                name: name, label: label, property: property, dimensions: d, lists: options.lists,
                recallTarget: options.recallTarget ?? SearchPolicy.defaultRecallTarget,
                quantization: options.quantization ?? true)
        } catch let e as VectorIndexError {
            throw CypherRuntimeError(.invalidArgumentValue, e.message)
        }
    }

    func dropVectorIndex(name: String) throws {
        try database.dropVectorIndex(name: name)
    }

    func vectorIndexLabel(named name: String) -> String? { database.vectorIndexes.index(named: name)?.definition.label }

    /// `SEARCH`: the index's recall target and exact float32 scores, as `queryNodes`; a filter is applied inside
    /// the index's scan (`SearchFilter.allow`), which keeps probing lists until `k` accepted nodes were scored.
    /// When a property index named the filter's candidates, they are tested first in the scan (an id bitmap, so
    /// the WHERE runs on them alone); when they are very few (`narrowedExactLimit`, or one per 300 vectors of the
    /// index), those the filter accepts are scored exactly one by one instead (`Entry.search(_:k:among:)`): the
    /// answer of an exhaustive filtered scan, without visiting the other vectors. One by one costs about 1.3 µs a
    /// candidate (a graph read and a float64 cosine), the bitmap scan about 4 ns a vector plus 50 ns a match.
    func searchVectorIndex(
        named name: String, query: [Float], k: Int, filter: ((NodeID) -> Bool)?, candidates: [NodeID]?,
        snapshot: GraphSnapshot
    ) throws -> [VectorSearchHit] {
        guard let entry = database.vectorIndexes.index(named: name) else {
            throw CypherRuntimeError(.indexNotFound, "There is no such vector index: `\(name)`")
        }
        guard query.count == entry.definition.dimensions else {
            throw CypherRuntimeError(
                .vectorDimensionMismatch,
                "Vector index `\(name)` has a configured dimensionality of \(entry.definition.dimensions), but the provided vector has a dimension \(query.count).")
        }
        let k = min(k, IVFFlatIndex.maxK)
        let hits: [SearchHit]
        do {
            if let candidates, candidates.count <= max(Self.narrowedExactLimit, entry.index.count / 300) {
                // The filter is asked about the candidates the index holds only, as in the scan.
                let box = filter.map(UncheckedFilter.init(accept:))
                hits = try entry.search(
                    query, k: k, among: candidates, filter: box.map { b in .allow { b.accept(NodeID($0)) } },
                    snapshot: snapshot)
            } else if let candidates, filter == nil {
                let accepted = IDBitmap(candidates.map(\.rawValue))
                hits = try entry.search(query, k: k, options: SearchOptions(), filter: .bitmap(accepted), snapshot: snapshot)
            } else if let filter {
                hits = try withoutActuallyEscaping(filter) { accept in
                    // The index calls the filter synchronously on this thread, during this call only.
                    let box = UncheckedFilter(accept: accept)
                    let predicate: @Sendable (VectorID) -> Bool = { box.accept(NodeID($0)) }
                    let scan: SearchFilter =
                        candidates.map { .narrowed(IDBitmap($0.map(\.rawValue)), predicate) } ?? .allow(predicate)
                    return try entry.search(query, k: k, options: SearchOptions(), filter: scan, snapshot: snapshot)
                }
            } else {
                hits = try entry.search(query, k: k, options: SearchOptions(), snapshot: snapshot)
            }
        } catch let error as VectorIndexError {
            throw CypherRuntimeError(.invalidArgumentValue, error.message)
        }
        return hits.map { VectorSearchHit(node: NodeID($0.id), score: min(1, max(0, (1 + Double($0.score)) / 2))) }
    }

    /// Candidates named by a property index that are scored one by one however small the index (see above).
    static let narrowedExactLimit = 256
}

/// The runtime's filter closure for one synchronous index search (it is not `Sendable`: it evaluates Cypher on
/// the query's executor, and the index calls it on the searching thread only).
private struct UncheckedFilter: @unchecked Sendable {
    let accept: (NodeID) -> Bool
}
