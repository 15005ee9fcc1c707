extension Parser {
    /// `SEARCH v IN (VECTOR INDEX name FOR expr [WHERE expr] LIMIT expr) [SCORE AS name]`, after a MATCH pattern
    /// (Neo4j's grammar: https://neo4j.com/docs/cypher-manual/current/clauses/search/).
    mutating func parseSearch() throws(CypherSyntaxError) -> SearchClause {
        let start = current.span.start
        try expectKeyword("SEARCH")
        let variableSpan = current.span
        let variable = try parseName("a variable")
        try expectKeyword("IN")
        try expectSymbol("(")
        try enterNesting()
        try expectKeyword("VECTOR")
        try expectKeyword("INDEX")
        if case .parameter = current.kind {
            throw error(
                .unexpectedSyntax, "Invalid input '\(current.display)': the index of SEARCH must be named, not a parameter",
                at: current.span)
        }
        let indexSpan = current.span
        let indexName = try parseName("an index name")
        try expectKeyword("FOR")
        let queryVector = try parseExpression()
        let filter = acceptKeyword("WHERE") ? try parseExpression() : nil
        if isKeyword("SKIP") || isKeyword("OFFSET") {
            throw error(
                .unexpectedSyntax, "Invalid input '\(current.display)': SKIP/OFFSET is not supported in SEARCH",
                at: current.span)
        }
        try expectKeyword("LIMIT")
        let limit = try parseExpression()
        try expectSymbol(")")
        depth -= 1
        var scoreVariable: String? = nil
        if acceptKeyword("SCORE") {
            try expectKeyword("AS")
            scoreVariable = try parseName("a variable")
        }
        return SearchClause(
            variable: variable, variableSpan: variableSpan, indexName: indexName, indexSpan: indexSpan,
            queryVector: queryVector, filter: filter, limit: limit, scoreVariable: scoreVariable, span: span(from: start))
    }
}
