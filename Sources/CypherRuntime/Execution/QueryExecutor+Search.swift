import CypherSyntax
import GraphStore

extension QueryExecutor {
    /// MATCH / OPTIONAL MATCH with a `SEARCH` subclause, over every input row.
    ///
    /// For each row: the query vector and LIMIT are evaluated, the index returns its `LIMIT` nearest nodes (with
    /// the in-index `WHERE` applied during the index scan, so only matching nodes count), and each hit, bound to
    /// the search variable (and its score to `SCORE AS`), is matched against the pattern and the MATCH's own WHERE
    /// (a post-filter, as in Neo4j). Rows come out best first. A `null` query vector finds nothing (OPTIONAL MATCH:
    /// one row of nulls).
    func searchMatch(_ m: MatchClause, _ search: SearchClause, _ rows: [Row], cap: Int? = nil) throws -> [Row] {
        var out: [Row] = []
        let filters = m.whereClause.map { FilterPushdown.nodeFilters($0, pattern: m.pattern.parts) } ?? [:]
        let seeks = IdSeek.seeks(m.whereClause, pattern: m.pattern.parts)
        let propertySeeks = PropertySeek.seeks(m.whereClause, pattern: m.pattern.parts)
        for row in rows {
            if let cap, out.count >= cap { break }
            var found: [Row] = []
            for hit in try vectorSearch(search, row) {
                if let cap, out.count + found.count >= cap { break }
                var r = row
                r[search.variable] = .node(hit.node)
                if let score = search.scoreVariable { r[score] = .float(hit.score) }
                found += try matchParts(
                    m.pattern.parts, r, limit: cap.map { $0 - out.count - found.count }, filters: filters,
                    seeks: seeks, propertySeeks: propertySeeks, predicate: m.whereClause)
            }
            if found.isEmpty && m.optional {
                var r = row
                for name in Self.patternVariables(m.pattern.parts) where r[name] == nil { r[name] = .null }
                if let score = search.scoreVariable { r[score] = .null }
                try memory.charge(Self.rowBytes(r))
                out.append(r)
            } else {
                try memory.charge(Self.batchBytes(found))
                out += found
            }
            try spend(found.count)
        }
        return out
    }

    /// The index hits of one `SEARCH` for one row.
    func vectorSearch(_ search: SearchClause, _ row: Row) throws -> [VectorSearchHit] {
        let k = try searchLimit(search.limit)
        let query: [Float]
        switch try eval(search.queryVector, row) {
        case .null: return []
        case .list(let items):
            var v: [Float] = []
            v.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .float(let d): v.append(Float(d))
                case .int(let i): v.append(Float(i))
                default:
                    throw CypherRuntimeError(
                        .invalidArgumentType, "the query vector of SEARCH must be a list of numbers, found \(item.typeName)")
                }
            }
            query = v
        case let other:
            throw CypherRuntimeError(
                .invalidArgumentType, "the query vector of SEARCH must be a list of numbers, not \(other.typeName)")
        }
        guard let catalog = vectorIndexes else {
            throw CypherRuntimeError(.indexNotFound, "There is no vector index named `\(search.indexName)`")
        }
        if k == 0 { return [] }
        let g = graph
        guard let condition = search.filter else {
            return try catalog.searchVectorIndex(
                named: search.indexName, query: query, k: k, filter: nil, candidates: nil, snapshot: g)
        }
        // The in-index filter: the WHERE evaluated with the candidate bound, called by the index's scan. An
        // error inside it stops the filter (everything after is refused) and is raised once the search returns.
        // Leading property comparisons (`n.bucket = $b`) are read and compared directly; only what they let through
        // meets the evaluator.
        var failure: (any Error)? = nil
        var split = PropertyFilter(condition, variable: search.variable)
        var tests: [(key: PropertyKeyID?, op: ComparisonOperator, value: Value)] = []
        do {
            tests = try split.tests.map { (g.catalog.propertyKey($0.key), $0.op, try eval($0.value, row)) }
        } catch {
            // The evaluator raises it where the query would.
            split.tests = []
            split.residualConjuncts = [condition]
        }
        let residual = split.residual
        // The direct property tests, read by key id from the snapshot (kept in parallel arrays: iterating the tuples
        // retained each one per node).
        let (keys, ops, values) = (tests.map(\.key), tests.map(\.op), tests.map(\.value))
        func passesTests(_ node: NodeID) -> Bool {
            for i in keys.indices {
                var value = Value.null
                if let key = keys[i], let stored = g.property(node, key) { value = Value(stored) }
                if compare(ops[i], value, values[i]) != true { return false }
            }
            return true
        }
        // One row reused for every candidate (only the searched variable changes), so the scan allocates nothing.
        var candidate = row
        let narrowed = narrowedCandidates(search, condition, row, catalog: catalog)
        let candidates = narrowed?.nodes
        if let narrowed, residual == nil {
            // Only direct property tests, which cannot fail: run them on the index's candidates here, in one loop,
            // and hand the index the accepted nodes alone (it then tests a bit per vector, not a closure). When the
            // seek is the whole WHERE, its nodes pass it and are not read again (a property read per candidate is
            // most of the cost of a search narrowed to thousands of nodes).
            let answered = seekAnswers(narrowed.seek, split.tests, values, row)
            let accepted = narrowed.nodes.filter { g.contains($0) && (answered || passesTests($0)) }
            try spend(narrowed.nodes.count)
            return try catalog.searchVectorIndex(
                named: search.indexName, query: query, k: k, filter: nil, candidates: accepted, snapshot: g)
        }
        let hits = try catalog.searchVectorIndex(
            named: search.indexName, query: query, k: k,
            filter: { node in
                guard failure == nil, g.contains(node), passesTests(node) else { return false }
                do {
                    try self.spend()
                    guard let residual else { return true }
                    candidate[search.variable] = .node(node)
                    return try self.eval(residual, candidate) == .bool(true)
                } catch {
                    failure = error
                    return false
                }
            }, candidates: candidates, snapshot: g)
        if let failure { throw failure }
        return hits
    }

    /// The nodes a range or text index, or a uniqueness constraint, on the vector index's label gives for the
    /// cheapest conjunct of the in-index WHERE it can answer (`v.p = e`, `IN`, ranges, `STARTS WITH`, composite
    /// equality), chosen by `StartPoint`; nil when none can. Every node the WHERE accepts is among them, and the WHERE still runs on each, so they only
    /// narrow the search.
    private func narrowedCandidates(
        _ search: SearchClause, _ condition: Expression, _ row: Row, catalog: any VectorIndexCatalog
    ) -> (nodes: [NodeID], seek: PropertySeek)? {
        guard let label = catalog.vectorIndexLabel(named: search.indexName) else { return nil }
        // Only the WHERE inside SEARCH narrows: the pattern's property maps filter the hits afterwards. The start the
        // matcher would choose for the searched node over the index's label: a seek when one beats scanning it.
        let node = NodePattern(variable: search.variable, labels: [label], properties: nil, span: .none)
        let part = PatternPart(variable: nil, shortest: nil, element: PatternElement(start: node, chain: []), span: .none)
        let seeks = PropertySeek.seeks(condition, pattern: [part])
        switch StartPoint.choose(node, row: row, graph: graph, propertySeeks: seeks) {
        case .indexSeek(let index, let seek): return indexCandidates(index, seek, row).map { ($0, seek) }
        case .constraintSeek(let label, let key, let e):
            guard let value = try? eval(e, row) else { return nil }
            return (constraintNodes(label, key, [value]), PropertySeek(variable: search.variable, key: key, predicate: .equal(e)))
        case .constraintSeekAll(let label, let key, let e):
            guard case .list(let values)? = try? eval(e, row) else { return nil }
            return (constraintNodes(label, key, values), PropertySeek(variable: search.variable, key: key, predicate: .in(e)))
        default: return nil
        }
    }

    /// Whether the nodes of `seek` are exactly the nodes `tests` accept: the WHERE is one `v.p = value` and the
    /// seek is that equality, with an integer or a string (the index's equality is Cypher's: `1` finds `1.0`;
    /// floats are left to the tests, for NaN).
    private func seekAnswers(_ seek: PropertySeek, _ tests: [PropertyFilter.Test], _ values: [Value], _ row: Row) -> Bool {
        guard tests.count == 1, values.count == 1, tests[0].op == .equal, tests[0].key == seek.key,
            case .equal(let e) = seek.predicate, let v = try? eval(e, row)
        else { return false }
        switch (v, values[0]) {
        case (.int(let a), .int(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        default: return false
        }
    }

    /// SEARCH's LIMIT: a non-negative integer (Neo4j allows 0 ≤ k ≤ 2³¹ − 1).
    private func searchLimit(_ e: Expression) throws -> Int {
        switch try eval(e, [:]) {
        case .int(let i) where i >= 0: return Int(clamping: min(i, Int64(Int32.max)))
        case .int:
            throw CypherRuntimeError(.negativeIntegerArgument, "LIMIT of SEARCH needs a non-negative integer")
        case let v:
            throw CypherRuntimeError(.nonConstantArgument, "LIMIT of SEARCH needs an integer, not \(v.typeName)")
        }
    }
}
