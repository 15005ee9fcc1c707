/// A query: one or more single queries joined by UNION / UNION ALL.
public struct Query: Sendable, Hashable {
    public var parts: [SingleQuery]
    /// `unionAll[i]` tells whether `parts[i]` and `parts[i + 1]` are joined by UNION ALL; count is `parts.count - 1`.
    public var unionAll: [Bool]
    public var span: SourceSpan
    public init(parts: [SingleQuery], unionAll: [Bool], span: SourceSpan) {
        self.parts = parts
        self.unionAll = unionAll
        self.span = span
    }
}

/// A sequence of clauses.
public struct SingleQuery: Sendable, Hashable {
    public var clauses: [Clause]
    public var span: SourceSpan
    public init(clauses: [Clause], span: SourceSpan) {
        self.clauses = clauses
        self.span = span
    }
}
