extension SemanticChecker {
    /// The `SEARCH` subclause of a MATCH, after its pattern was bound (`outer` is the scope before the MATCH):
    /// - the variable is a node of this MATCH's pattern (not one bound earlier, as in Neo4j);
    /// - the query vector sees only the variables bound before the MATCH (not the searched node);
    /// - the in-index filter sees those and the searched node;
    /// - LIMIT is a constant non-negative integer; `SCORE AS` introduces a new variable.
    func checkSearch(_ search: SearchClause, outer: Scope, scope: inout Scope) throws(CypherSyntaxError) {
        let name = search.variable
        if outer.contains(name) {
            throw fail(
                .invalidSearchClause,
                "`\(name)` must reference a variable from the same MATCH statement as SEARCH", at: search.variableSpan)
        }
        guard let type = scope[name] else {
            throw fail(.undefinedVariable, "Variable `\(name)` not defined", at: search.variableSpan)
        }
        if type != .node {
            throw fail(
                .invalidSearchClause, "SEARCH binds a node; `\(name)` is a \(type) (only node vector indexes exist)",
                at: search.variableSpan)
        }
        if search.queryVector.referencedVariables.contains(name) {
            throw fail(
                .invalidSearchClause,
                "The query vector of SEARCH may not depend on the search clause binding variable `\(name)`",
                at: search.queryVector.span)
        }
        _ = try checkExpression(search.queryVector, scope: outer, context: .plain)
        if let filter = search.filter {
            var filterScope = outer
            filterScope[name] = .node
            try checkPredicate(filter, scope: filterScope)
        }
        try checkRowCount(search.limit, clause: "LIMIT")
        if let score = search.scoreVariable {
            if scope.contains(score) {
                throw fail(.variableAlreadyBound, "Variable `\(score)` already declared", at: search.span)
            }
            scope[score] = .float
        }
    }
}
