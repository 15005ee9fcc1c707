/// Neo4j's vector similarity functions (Cypher manual, "Vector functions",
/// https://neo4j.com/docs/cypher-manual/5/functions/vector): scores in [0, 1], as the vector index
/// reports them.
///
/// - `vector.similarity.cosine(a, b)` = (1 + cos(a, b)) / 2
/// - `vector.similarity.euclidean(a, b)` = 1 / (1 + ‖a − b‖²)
///
/// `null` for a `null` argument; both must be lists of numbers of one dimension, and cosine needs
/// non-zero vectors (else `InvalidArgumentValue`). Sums run in Double.
enum VectorSimilarity {
    static func score(_ name: String, _ a: Value, _ b: Value) throws -> Value {
        if a.isNull || b.isNull { return .null }
        let x = try numbers(a, name)
        let y = try numbers(b, name)
        guard x.count == y.count, !x.isEmpty else {
            throw CypherRuntimeError(
                .invalidArgumentValue, "\(name) needs two vectors of one dimension; got \(x.count) and \(y.count)")
        }
        if name == "vector.similarity.euclidean" {
            var d2 = 0.0
            for i in 0..<x.count { d2 += (x[i] - y[i]) * (x[i] - y[i]) }
            guard d2.isFinite else { throw CypherRuntimeError(.invalidArgumentValue, "\(name): non-finite distance") }
            return .float(1 / (1 + d2))
        }
        var dot = 0.0
        var xx = 0.0
        var yy = 0.0
        for i in 0..<x.count {
            dot += x[i] * y[i]
            xx += x[i] * x[i]
            yy += y[i] * y[i]
        }
        guard xx > 0, yy > 0, dot.isFinite, xx.isFinite, yy.isFinite else {
            throw CypherRuntimeError(.invalidArgumentValue, "\(name) needs non-zero, finite vectors")
        }
        let cos = min(1, max(-1, dot / (xx.squareRoot() * yy.squareRoot())))
        return .float((1 + cos) / 2)
    }

    /// The numbers of a list value.
    static func numbers(_ v: Value, _ name: String) throws -> [Double] {
        guard case .list(let items) = v else {
            throw CypherRuntimeError(.invalidArgumentType, "\(name) needs lists of numbers, not \(v.typeName)")
        }
        var out: [Double] = []
        out.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .int(let i): out.append(Double(i))
            case .float(let d) where d.isFinite: out.append(d)
            default:
                throw CypherRuntimeError(
                    .invalidArgumentType, "\(name) needs lists of finite numbers; found \(item.typeName)")
            }
        }
        return out
    }
}
