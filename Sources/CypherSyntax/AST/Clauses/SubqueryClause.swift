/// `CALL { query } [IN TRANSACTIONS [OF n ROWS]]`: a subquery run once per incoming row. Outer variables reach
/// it only through an importing `WITH` at its start (`WITH a, b` or `WITH *`), as in Neo4j 5.
public struct SubqueryClause: Sendable, Hashable {
    public var query: Query
    /// Present for `IN TRANSACTIONS`: the batch size expression (nil for Neo4j's default of 1,000 rows).
    public var inTransactions: InTransactions?

    public struct InTransactions: Sendable, Hashable {
        public var batchSize: Expression?
        public init(batchSize: Expression?) { self.batchSize = batchSize }
    }

    public init(query: Query, inTransactions: InTransactions? = nil) {
        self.query = query
        self.inTransactions = inTransactions
    }

    /// The outer variables the subquery imports: those of the importing WITH of each UNION part (every outer
    /// variable for `WITH *`). nil stands for all of them.
    public var imports: Set<String>? {
        var names = Set<String>()
        for part in query.parts {
            guard case .with(let p) = part.clauses.first?.kind, p.isImport else { continue }
            if p.includesAll { return nil }
            for item in p.items { if case .variable(let v) = item.expression.kind { names.insert(v) } }
        }
        return names
    }
}

extension ProjectionClause {
    /// Whether this WITH, at the start of a subquery, is an importing WITH: `*` or plain variables, not renamed,
    /// with no DISTINCT, ORDER BY, SKIP, LIMIT or WHERE.
    public var isImport: Bool {
        guard !distinct, orderBy.isEmpty, skip == nil, limit == nil, whereClause == nil else { return false }
        return items.allSatisfy { item in
            if case .variable(let v) = item.expression.kind { return item.alias == nil || item.alias == v }
            return false
        }
    }
}
