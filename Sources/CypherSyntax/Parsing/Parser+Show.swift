extension Parser {
    /// `SHOW [ALL] PROCEDURE[S] | FUNCTION[S]`, and `SHOW [ALL] INDEX[ES] | CONSTRAINT[S]` followed by YIELD or
    /// WHERE: the forms that run as a query over a `ShowCatalog` procedure. (Bare SHOW INDEXES / CONSTRAINTS stay
    /// schema commands.)
    var isShowQueryStart: Bool {
        guard isKeyword("SHOW") else { return false }
        var i = 1
        if peek(i).isKeyword("ALL") || peek(i).isKeyword("BUILT") || peek(i).isKeyword("USER") {
            i += peek(i).isKeyword("ALL") ? 1 : 2
        }
        let word = peek(i)
        if ["PROCEDURE", "PROCEDURES", "FUNCTION", "FUNCTIONS"].contains(where: { word.isKeyword($0) }) { return true }
        guard ["INDEX", "INDEXES", "CONSTRAINT", "CONSTRAINTS"].contains(where: { word.isKeyword($0) }) else {
            return false
        }
        return peek(i + 1).isKeyword("YIELD") || peek(i + 1).isKeyword("WHERE")
    }

    /// Parses a SHOW command into the query it runs:
    /// `CALL internal.show.x() YIELD cols [WHERE …]`, then `WITH cols ORDER BY … SKIP … LIMIT … WHERE …` when the
    /// YIELD has them, then the command's RETURN or a RETURN of the yielded columns.
    mutating func parseShowQuery() throws(CypherSyntaxError) -> Query {
        let start = current.span.start
        try expectKeyword("SHOW")
        var builtInOnly: Bool? = nil
        if acceptKeyword("ALL") {
        } else if acceptKeyword("BUILT") {
            try expectKeyword("IN")
            builtInOnly = true
        } else if acceptKeyword("USER") {
            try expectKeyword("DEFINED")
            builtInOnly = false
        }
        let catalog: ShowCatalog
        if acceptKeyword("PROCEDURE") || acceptKeyword("PROCEDURES") {
            catalog = .procedures
        } else if acceptKeyword("FUNCTION") || acceptKeyword("FUNCTIONS") {
            catalog = .functions
        } else if acceptKeyword("INDEX") || acceptKeyword("INDEXES") {
            catalog = .indexes
        } else if acceptKeyword("CONSTRAINT") || acceptKeyword("CONSTRAINTS") {
            catalog = .constraints
        } else {
            throw unexpected(expected: "PROCEDURES, FUNCTIONS, INDEXES or CONSTRAINTS")
        }
        if builtInOnly != nil && catalog != .functions {
            throw unexpected(expected: "FUNCTIONS after BUILT IN / USER DEFINED")
        }
        let commandSpan = span(from: start)
        func variable(_ name: String) -> Expression { Expression(.variable(name), span: commandSpan) }
        func items(_ names: [String]) -> [ProjectionItem] {
            names.map { ProjectionItem(expression: variable($0), alias: nil, text: $0) }
        }

        var yielded: [YieldItem]
        var clauses: [Clause] = []
        var filter: Expression? = nil
        var after: ProjectionClause? = nil
        if acceptKeyword("YIELD") {
            if acceptSymbol("*") {
                yielded = catalog.allColumns.map { YieldItem(field: $0, alias: nil, span: commandSpan) }
            } else {
                yielded = []
                repeat {
                    let itemStart = current.span.start
                    let field = try parseName("a column name")
                    let alias = acceptKeyword("AS") ? try parseName("an alias") : nil
                    yielded.append(YieldItem(field: field, alias: alias, span: span(from: itemStart)))
                } while acceptSymbol(",")
            }
            // ORDER BY / SKIP / LIMIT on the yielded rows, then WHERE: a WITH over the yielded names.
            if isKeyword("ORDER") || isKeyword("SKIP") || isKeyword("LIMIT") || isKeyword("WHERE") {
                var orderBy: [SortItem] = []
                if acceptKeyword("ORDER") {
                    try expectKeyword("BY")
                    repeat {
                        let expression = try parseExpression()
                        var ascending = true
                        if acceptKeyword("DESC") || acceptKeyword("DESCENDING") {
                            ascending = false
                        } else {
                            _ = acceptKeyword("ASC") || acceptKeyword("ASCENDING")
                        }
                        orderBy.append(SortItem(expression: expression, ascending: ascending))
                    } while acceptSymbol(",")
                }
                let skip = acceptKeyword("SKIP") ? try parseExpression() : nil
                let limit = acceptKeyword("LIMIT") ? try parseExpression() : nil
                let whereClause = acceptKeyword("WHERE") ? try parseExpression() : nil
                after = ProjectionClause(
                    distinct: false, includesAll: false, items: items(yielded.map(\.name)), orderBy: orderBy,
                    skip: skip, limit: limit, whereClause: whereClause)
            }
        } else {
            yielded = catalog.defaultColumns.map { YieldItem(field: $0, alias: nil, span: commandSpan) }
            if acceptKeyword("WHERE") { filter = try parseExpression() }
        }
        var arguments: [Expression] = []
        if let builtInOnly { arguments.append(Expression(.boolean(builtInOnly), span: commandSpan)) }
        else if catalog == .functions { arguments.append(Expression(.null, span: commandSpan)) }
        clauses.append(
            Clause(
                .call(
                    CallClause(
                        namespace: ["internal", "show"], name: catalog.rawValue, arguments: arguments,
                        yieldItems: yielded, yieldAll: false, whereClause: filter)),
                span: commandSpan))
        if let after { clauses.append(Clause(.with(after), span: commandSpan)) }
        let returnStart = current.span.start
        if acceptKeyword("RETURN") {
            clauses.append(Clause(.return(try parseProjection(isWith: false)), span: span(from: returnStart)))
        } else {
            clauses.append(
                Clause(
                    .return(
                        ProjectionClause(
                            distinct: false, includesAll: false, items: items(yielded.map(\.name)), orderBy: [],
                            skip: nil, limit: nil, whereClause: nil)),
                    span: commandSpan))
        }
        let all = span(from: start)
        return Query(parts: [SingleQuery(clauses: clauses, span: all)], unionAll: [], span: all)
    }
}
