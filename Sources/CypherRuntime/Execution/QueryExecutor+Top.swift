import CypherSyntax
import HeapModule

/// The Top operator: `ORDER BY … LIMIT k` (with or without SKIP) keeps the `SKIP + LIMIT` first rows in a bounded
/// max-heap (swift-collections' `Heap`, whose maximum is the worst row kept) instead of sorting every row:
/// O(n log k) comparisons and O(k) rows held. Ties keep their input order, as the full stable sort does.
///
/// When the projection neither aggregates nor de-duplicates, the sort keys are computed on the input rows (an alias
/// in ORDER BY stands for its expression) and only the rows kept are projected.
extension QueryExecutor {
    /// One candidate row of a Top: its sort keys, its input position, and the sort directions.
    struct RankedRow: Comparable {
        let keys: [Value]
        let index: Int
        let ascending: [Bool]

        /// Whether `a` comes before `b` in the ORDER BY.
        static func < (a: RankedRow, b: RankedRow) -> Bool {
            for k in a.keys.indices {
                let c = Value.order(a.keys[k], b.keys[k])
                if c != 0 { return a.ascending[k] ? c < 0 : c > 0 }
            }
            return a.index < b.index
        }

        static func == (a: RankedRow, b: RankedRow) -> Bool { a.index == b.index }
    }

    /// Offers `candidate` to `heap`, which keeps the `k` first candidates in order.
    /// - Complexity: O(log k).
    @inline(__always)
    static func offer<E: Comparable>(_ candidate: E, to heap: inout Heap<E>, keeping k: Int) {
        if heap.count < k {
            heap.insert(candidate)
        } else if k > 0, let worst = heap.max, candidate < worst {
            _ = heap.replaceMax(with: candidate)
        }
    }

    /// The kept candidates, first first.
    static func ordered<E: Comparable>(_ heap: Heap<E>) -> [E] { heap.unordered.sorted() }

    /// `SKIP + LIMIT` of a projection with a LIMIT, as a number of rows (errors as the SKIP and LIMIT clauses raise
    /// them); nil without a LIMIT.
    func topCount(_ p: ProjectionClause) throws -> Int? {
        guard let limit = p.limit else { return nil }
        let l = try countArgument(limit, "LIMIT")
        let s = try p.skip.map { try countArgument($0, "SKIP") } ?? 0
        let (sum, overflow) = l.addingReportingOverflow(s)
        return overflow ? Int.max : sum
    }

    /// The ORDER BY keys rewritten to read the input rows: each projected name becomes the expression it names.
    /// Nil when that would change the meaning: a key that introduces its own variables (comprehensions, reduce,
    /// quantifiers, subqueries) or a projected expression that is not deterministic.
    static func keysOnInput(_ keys: [Expression], items: [(name: String, expression: Expression)]) -> [Expression]? {
        var simple = true
        func check(_ e: Expression) {
            e.visit { sub in
                switch sub.kind {
                case .listComprehension, .patternComprehension, .quantifier, .reduce, .existsSubquery, .countSubquery:
                    simple = false
                case .function(let call):
                    let name = call.name.lowercased()
                    if name == "rand" || name == "randomuuid" || !call.namespace.isEmpty { simple = false }
                default: break
                }
            }
        }
        for key in keys { check(key) }
        for item in items { check(item.expression) }
        guard simple else { return nil }
        var byName: [String: Expression] = [:]
        for item in items where byName[item.name] == nil { byName[item.name] = item.expression }
        return keys.map { key in
            key.rewritten { sub in
                if case .variable(let v) = sub.kind { return byName[v] }
                return nil
            }
        }
    }

    /// Top over input rows that are projected afterwards: the positions in `rows` of the `k` first rows under
    /// `keys` (evaluated on each input row), in order.
    func topRowPositions(_ rows: [Row], keys: [Expression], ascending: [Bool], k: Int) throws -> [Int] {
        var heap = Heap<RankedRow>()
        heap.reserveCapacity(min(k, rows.count))
        for (i, row) in rows.enumerated() {
            try spend()
            let values = try keys.map { try eval($0, row) }
            Self.offer(RankedRow(keys: values, index: i, ascending: ascending), to: &heap, keeping: k)
        }
        return Self.ordered(heap).map(\.index)
    }
}
