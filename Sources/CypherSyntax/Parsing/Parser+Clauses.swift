extension Parser {
    mutating func parseClause() throws(CypherSyntaxError) -> Clause {
        let start = current.span.start
        let kind: Clause.Kind
        if acceptKeyword("OPTIONAL") {
            try expectKeyword("MATCH")
            kind = .match(try parseMatchBody(optional: true))
        } else if acceptKeyword("MATCH") {
            kind = .match(try parseMatchBody(optional: false))
        } else if acceptKeyword("UNWIND") {
            let expression = try parseExpression()
            try expectKeyword("AS")
            kind = .unwind(UnwindClause(expression: expression, variable: try parseName("a variable")))
        } else if acceptKeyword("WITH") {
            kind = .with(try parseProjection(isWith: true))
        } else if acceptKeyword("RETURN") {
            kind = .return(try parseProjection(isWith: false))
        } else if acceptKeyword("CREATE") {
            let mark = patternPredicates.count
            let pattern = try parsePattern()
            try rejectPatternPredicates(since: mark, in: "CREATE")
            kind = .create(pattern)
        } else if acceptKeyword("MERGE") {
            kind = .merge(try parseMergeBody())
        } else if acceptKeyword("SET") {
            kind = .set(try parseSetItems())
        } else if acceptKeyword("REMOVE") {
            kind = .remove(try parseRemoveItems())
        } else if acceptKeyword("DETACH") {
            try expectKeyword("DELETE")
            kind = .delete(DeleteClause(detach: true, expressions: try parseExpressionList()))
        } else if acceptKeyword("DELETE") {
            kind = .delete(DeleteClause(detach: false, expressions: try parseExpressionList()))
        } else if acceptKeyword("CALL") {
            if acceptSymbol("{") {
                let query = try parseQuery()
                try expectSymbol("}")
                var inTransactions: SubqueryClause.InTransactions? = nil
                if acceptKeyword("IN") {
                    try expectKeyword("TRANSACTIONS")
                    var batchSize: Expression? = nil
                    if acceptKeyword("OF") {
                        batchSize = try parseExpression()
                        if !acceptKeyword("ROWS") { try expectKeyword("ROW") }
                    }
                    inTransactions = SubqueryClause.InTransactions(batchSize: batchSize)
                }
                kind = .subquery(SubqueryClause(query: query, inTransactions: inTransactions))
            } else {
                kind = .call(try parseCallBody())
            }
        } else if acceptKeyword("FOREACH") {
            try expectSymbol("(")
            let variable = try parseName("a variable")
            try expectKeyword("IN")
            let list = try parseExpression()
            try expectSymbol("|")
            var clauses: [Clause] = []
            while isClauseStart { clauses.append(try parseClause()) }
            if clauses.isEmpty { throw unexpected(expected: "an updating clause") }
            try expectSymbol(")")
            kind = .foreach(ForeachClause(variable: variable, list: list, clauses: clauses))
        } else {
            throw unexpected(expected: "a clause")
        }
        return Clause(kind, span: span(from: start))
    }

    mutating func parseMatchBody(optional: Bool) throws(CypherSyntaxError) -> MatchClause {
        let mark = patternPredicates.count
        let pattern = try parsePattern()
        var whereClause = conjoinPatternPredicates(
            since: mark, with: acceptKeyword("WHERE") ? try parseExpression() : nil)
        var search: SearchClause? = nil
        // Neo4j takes the MATCH's WHERE before or after SEARCH (once).
        if isKeyword("SEARCH") {
            search = try parseSearch()
            if whereClause == nil, acceptKeyword("WHERE") { whereClause = try parseExpression() }
        }
        return MatchClause(optional: optional, pattern: pattern, whereClause: whereClause, search: search)
    }

    mutating func parseExpressionList() throws(CypherSyntaxError) -> [Expression] {
        var list = [try parseExpression()]
        while acceptSymbol(",") { list.append(try parseExpression()) }
        return list
    }

    mutating func parseProjection(isWith: Bool) throws(CypherSyntaxError) -> ProjectionClause {
        let distinct = acceptKeyword("DISTINCT")
        var includesAll = false
        var items: [ProjectionItem] = []
        if acceptSymbol("*") {
            includesAll = true
            while acceptSymbol(",") { items.append(try parseProjectionItem()) }
        } else {
            items.append(try parseProjectionItem())
            while acceptSymbol(",") { items.append(try parseProjectionItem()) }
        }
        var orderBy: [SortItem] = []
        if acceptKeyword("ORDER") {
            try expectKeyword("BY")
            repeat {
                let expression = try parseExpression()
                var ascending = true
                if acceptKeyword("DESC") || acceptKeyword("DESCENDING") {
                    ascending = false
                } else if acceptKeyword("ASC") || acceptKeyword("ASCENDING") {
                    ascending = true
                }
                orderBy.append(SortItem(expression: expression, ascending: ascending))
            } while acceptSymbol(",")
        }
        let skip = acceptKeyword("SKIP") ? try parseExpression() : nil
        let limit = acceptKeyword("LIMIT") ? try parseExpression() : nil
        let whereClause = isWith && acceptKeyword("WHERE") ? try parseExpression() : nil
        return ProjectionClause(
            distinct: distinct, includesAll: includesAll, items: items, orderBy: orderBy, skip: skip, limit: limit,
            whereClause: whereClause)
    }

    mutating func parseProjectionItem() throws(CypherSyntaxError) -> ProjectionItem {
        let expression = try parseExpression()
        let alias = acceptKeyword("AS") ? try parseName("an alias") : nil
        return ProjectionItem(expression: expression, alias: alias, text: text(of: expression.span))
    }

    mutating func parseMergeBody() throws(CypherSyntaxError) -> MergeClause {
        let mark = patternPredicates.count
        let part = try parsePatternPart()
        try rejectPatternPredicates(since: mark, in: "MERGE")
        var onCreate: [SetItem] = []
        var onMatch: [SetItem] = []
        while isKeyword("ON") {
            _ = advance()
            if acceptKeyword("CREATE") {
                try expectKeyword("SET")
                onCreate += try parseSetItems()
            } else if acceptKeyword("MATCH") {
                try expectKeyword("SET")
                onMatch += try parseSetItems()
            } else {
                throw unexpected(expected: "CREATE or MATCH")
            }
        }
        return MergeClause(pattern: part, onCreate: onCreate, onMatch: onMatch)
    }

    mutating func parseSetItems() throws(CypherSyntaxError) -> [SetItem] {
        var items: [SetItem] = []
        repeat {
            let start = current.span.start
            let target = try parsePostfixExpression(allowLabels: false)
            if case .variable(let name) = target.kind {
                if acceptSymbol("=") {
                    items.append(.replace(variable: name, value: try parseExpression(), span: span(from: start)))
                    continue
                }
                if acceptSymbol("+=") {
                    items.append(.merge(variable: name, value: try parseExpression(), span: span(from: start)))
                    continue
                }
                if isSymbol(":") {
                    items.append(.labels(variable: name, labels: try parseLabels(), span: span(from: start)))
                    continue
                }
            }
            guard case .property(let base, let key) = target.kind else {
                throw unexpected(expected: "a property, a variable or labels to set")
            }
            try expectSymbol("=")
            items.append(.property(target: base, key: key, value: try parseExpression(), span: span(from: start)))
        } while acceptSymbol(",")
        return items
    }

    mutating func parseRemoveItems() throws(CypherSyntaxError) -> [RemoveItem] {
        var items: [RemoveItem] = []
        repeat {
            let start = current.span.start
            let target = try parsePostfixExpression(allowLabels: false)
            if case .variable(let name) = target.kind, isSymbol(":") {
                items.append(.labels(variable: name, labels: try parseLabels(), span: span(from: start)))
            } else if case .property(let base, let key) = target.kind {
                items.append(.property(target: base, key: key, span: span(from: start)))
            } else {
                throw unexpected(expected: "a property or labels to remove")
            }
        } while acceptSymbol(",")
        return items
    }

    /// `:A:B` (also accepts `:A|B` separators inside one label list for relationship types).
    mutating func parseLabels() throws(CypherSyntaxError) -> [String] {
        var labels: [String] = []
        while acceptSymbol(":") {
            labels.append(try parseName("a label"))
        }
        return labels
    }

    mutating func parseCallBody() throws(CypherSyntaxError) -> CallClause {
        var names = [try parseName("a procedure name")]
        while acceptSymbol(".") { names.append(try parseName("a procedure name")) }
        var arguments: [Expression]? = nil
        if acceptSymbol("(") {
            var list: [Expression] = []
            if !isSymbol(")") { list = try parseExpressionList() }
            try expectSymbol(")")
            arguments = list
        }
        var yieldItems: [YieldItem]? = nil
        var yieldAll = false
        var whereClause: Expression? = nil
        if acceptKeyword("YIELD") {
            if acceptSymbol("*") {
                yieldAll = true
            } else {
                var items: [YieldItem] = []
                repeat {
                    let start = current.span.start
                    let field = try parseName("a field name")
                    let alias = acceptKeyword("AS") ? try parseName("an alias") : nil
                    items.append(YieldItem(field: field, alias: alias, span: span(from: start)))
                } while acceptSymbol(",")
                yieldItems = items
            }
            if acceptKeyword("WHERE") { whereClause = try parseExpression() }
        }
        let name = names.removeLast()
        return CallClause(
            namespace: names, name: name, arguments: arguments, yieldItems: yieldItems, yieldAll: yieldAll,
            whereClause: whereClause)
    }
}
