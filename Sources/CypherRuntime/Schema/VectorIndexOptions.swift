import CypherSyntax
import GraphStore

/// The `OPTIONS {indexConfig: {...}}` map of `CREATE VECTOR INDEX`, as Neo4j 5 spells it.
///
/// Neo4j's keys: `vector.dimensions` (1...4096), `vector.similarity_function` (only `'cosine'`; the index is an
/// IVF-flat cosine index), `vector.quantization.enabled` (default true: the 8-bit first pass runs), and
/// `vector.hnsw.m` / `vector.hnsw.ef_construction` (accepted so Neo4j scripts run, and ignored: there is no HNSW
/// graph). Ours: `vector.recall_target` (recall@10 the index calibrates for, in (0, 1], default 0.95; Neo4j has no
/// such key) and `vector.ivf.lists` (default: rows / 1000 once the index outgrows exact search). Other keys are
/// refused, so a typo does not pass silently.
public struct VectorIndexOptions: Sendable, Hashable {
    public var dimensions: Int?
    public var lists: Int?
    public var recallTarget: Double?
    public var quantization: Bool?

    public init(dimensions: Int? = nil, lists: Int? = nil, recallTarget: Double? = nil, quantization: Bool? = nil) {
        self.dimensions = dimensions
        self.lists = lists
        self.recallTarget = recallTarget
        self.quantization = quantization
    }

    init(_ options: Expression?, parameters: [String: Value]) throws {
        self.init()
        guard let options else { return }
        let executor = QueryExecutor(
            snapshot: GraphSnapshot(), transaction: nil, parameters: parameters, budget: 10_000)
        guard case .map(let top) = try executor.eval(options, [:]) else {
            throw CypherRuntimeError(.invalidArgumentValue, "OPTIONS must be a map")
        }
        for (key, value) in top {
            switch key {
            case "indexConfig":
                guard case .map(let config) = value else {
                    throw CypherRuntimeError(.invalidArgumentValue, "indexConfig must be a map")
                }
                for (k, v) in config {
                    switch k {
                    case "vector.dimensions":
                        guard case .int(let d) = v, (1...4096).contains(d) else {
                            throw CypherRuntimeError(
                                .invalidArgumentValue, "vector.dimensions must be an integer from 1 to 4096, not \(v)")
                        }
                        dimensions = Int(d)
                    case "vector.similarity_function":
                        guard case .string(let f) = v, f.lowercased() == "cosine" else {
                            throw CypherRuntimeError(
                                .unsupported, "vector.similarity_function must be 'cosine' (the only similarity the index has), not \(v)")
                        }
                    case "vector.quantization.enabled":
                        guard case .bool(let b) = v else {
                            throw CypherRuntimeError(
                                .invalidArgumentValue, "vector.quantization.enabled must be true or false, not \(v)")
                        }
                        quantization = b
                    case "vector.recall_target":
                        let t: Double
                        switch v {
                        case .float(let d): t = d
                        case .int(let i): t = Double(i)
                        default: t = .nan
                        }
                        guard t > 0, t <= 1 else {
                            throw CypherRuntimeError(
                                .invalidArgumentValue, "vector.recall_target must be a number in (0, 1], not \(v)")
                        }
                        recallTarget = t
                    case "vector.hnsw.m", "vector.hnsw.ef_construction":
                        guard case .int(let i) = v, i >= 1 else {
                            throw CypherRuntimeError(.invalidArgumentValue, "\(k) must be a positive integer, not \(v)")
                        }
                    case "vector.ivf.lists":
                        guard case .int(let l) = v, l >= 1, l <= 1 << 20 else {
                            throw CypherRuntimeError(.invalidArgumentValue, "vector.ivf.lists must be a positive integer")
                        }
                        lists = Int(l)
                    default:
                        throw CypherRuntimeError(.invalidArgumentValue, "unknown vector index setting `\(k)`")
                    }
                }
            case "indexProvider":
                continue
            default:
                throw CypherRuntimeError(.invalidArgumentValue, "unknown index option `\(key)`")
            }
        }
    }
}
