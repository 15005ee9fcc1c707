/// `WHERE` inside a node or relationship pattern (`MATCH (p:Product WHERE p.price < 50)`, Neo4j 5's pattern
/// predicates). The pattern parsers collect each predicate in `patternPredicates`; the clause that owns the pattern
/// then either moves them into its own `WHERE` (MATCH, OPTIONAL MATCH, `EXISTS { }`, pattern comprehensions), where
/// they mean the same, or rejects them (CREATE, MERGE, pattern expressions).
extension Parser {
    /// The pattern predicates parsed since `mark`, removed from the pending list.
    mutating func takePatternPredicates(since mark: Int) -> [Expression] {
        let taken = Array(patternPredicates[mark...])
        patternPredicates.removeSubrange(mark...)
        return taken
    }

    /// The predicates parsed since `mark` joined with `whereClause` by AND (the pattern's first); nil when there is
    /// neither.
    mutating func conjoinPatternPredicates(since mark: Int, with whereClause: Expression?) -> Expression? {
        Expression.conjunction(takePatternPredicates(since: mark) + (whereClause.map { [$0] } ?? []))
    }

    /// Fails when a pattern parsed since `mark` holds a predicate, in a place (`context`) that cannot filter.
    mutating func rejectPatternPredicates(since mark: Int, in context: String) throws(CypherSyntaxError) {
        guard let predicate = takePatternPredicates(since: mark).first else { return }
        throw error(
            .unexpectedSyntax,
            "A WHERE inside a pattern is not allowed in \(context); it is allowed in MATCH, OPTIONAL MATCH, EXISTS { }"
                + " and pattern comprehensions",
            at: predicate.span)
    }
}
