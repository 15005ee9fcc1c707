import CypherSyntax
import GraphStore

/// The `OPTIONS {indexConfig: {...}}` map of `CREATE VECTOR INDEX`, as Neo4j 5 spells it.
///
/// `vector.dimensions` (1...4096) and `vector.similarity_function` (only `'cosine'`; the index is an IVF-flat
/// cosine index) are Neo4j's keys; `vector.ivf.lists` is ours (default: rows / 1000, at least 1). Other keys are
/// refused, so a typo does not pass silently.
struct VectorIndexOptions {
    var dimensions: Int?
    var lists: Int?

    init(_ options: Expression?, parameters: [String: Value]) throws {
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
