extension Parser {
    /// Words that cannot start an expression as a variable name.
    static let reservedInExpressions: Set<String> = [
        "MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH",
        "CALL", "FOREACH", "WHERE", "ORDER", "SKIP", "LIMIT", "UNION", "AS", "AND", "OR", "XOR", "NOT", "IN",
        "STARTS", "ENDS", "CONTAINS", "IS", "THEN", "ELSE", "END", "WHEN", "DISTINCT", "YIELD", "ON", "BY",
        "ASC", "DESC", "ASCENDING", "DESCENDING",
    ]

    mutating func parseAtom() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        let token = current
        switch token.kind {
        case .integer(let digits, let radix):
            _ = advance()
            return Expression(
                .integer(try integerValue(digits: digits, radix: radix, negative: false, span: token.span)),
                span: token.span)
        case .float(let value):
            _ = advance()
            return Expression(.float(value), span: token.span)
        case .string(let value):
            _ = advance()
            return Expression(.string(value), span: token.span)
        case .parameter(let name):
            _ = advance()
            return Expression(.parameter(name), span: token.span)
        case .invalidNumber(let text):
            throw error(.invalidNumberLiteral, "Invalid number literal '\(text)'", at: token.span)
        case .symbol("["):
            return try parseListAtom()
        case .symbol("{"):
            return try parseMapLiteral()
        case .symbol("("):
            return try parseParenthesisedOrPattern()
        case .word(let word, let quoted):
            if !quoted {
                if let special = try parseKeywordAtom(word.uppercased(), start: start) { return special }
            }
            // Namespaced function call `a.b.c(`.
            var ahead = 1
            while peek(ahead).isSymbol("."), case .word = peek(ahead + 1).kind { ahead += 2 }
            if peek(ahead).isSymbol("(") { return try parseFunctionCall(start: start) }
            if !quoted, Self.reservedInExpressions.contains(word.uppercased()) {
                throw unexpected(expected: "an expression")
            }
            _ = advance()
            let variable = Expression(.variable(word), span: token.span)
            if isSymbol("{") { return try parseMapProjection(variable) }
            return variable
        default:
            throw unexpected(expected: "an expression")
        }
    }

    /// Literal keywords and keyword-introduced forms; nil when `word` is not one of them here.
    private mutating func parseKeywordAtom(_ word: String, start: SourceLocation) throws(CypherSyntaxError)
        -> Expression?
    {
        switch word {
        case "NULL":
            _ = advance()
            return Expression(.null, span: span(from: start))
        case "TRUE", "FALSE":
            _ = advance()
            return Expression(.boolean(word == "TRUE"), span: span(from: start))
        case "CASE":
            _ = advance()
            return try parseCase(start: start)
        case "COUNT" where peek(1).isSymbol("(") && peek(2).isSymbol("*") && peek(3).isSymbol(")"):
            for _ in 0..<4 { _ = advance() }
            return Expression(.countStar, span: span(from: start))
        case "COUNT" where peek(1).isSymbol("{"), "EXISTS" where peek(1).isSymbol("{"):
            _ = advance()
            let body = try parseSubqueryBody()
            return Expression(word == "COUNT" ? .countSubquery(body) : .existsSubquery(body), span: span(from: start))
        case "ALL", "ANY", "NONE", "SINGLE":
            guard peek(1).isSymbol("("), case .word = peek(2).kind, peek(3).isKeyword("IN") else { return nil }
            _ = advance()
            _ = advance()
            let variable = try parseName()
            try expectKeyword("IN")
            let source = try parseExpression()
            let predicate = acceptKeyword("WHERE") ? try parseExpression() : nil
            try expectSymbol(")")
            return Expression(
                .quantifier(
                    Quantifier(rawValue: word.lowercased())!, variable: variable, source: source,
                    predicate: predicate),
                span: span(from: start))
        case "REDUCE":
            guard peek(1).isSymbol("("), case .word = peek(2).kind, peek(3).isSymbol("=") else { return nil }
            _ = advance()
            _ = advance()
            let accumulator = try parseName()
            try expectSymbol("=")
            let initial = try parseExpression()
            try expectSymbol(",")
            let variable = try parseName()
            try expectKeyword("IN")
            let source = try parseExpression()
            try expectSymbol("|")
            let body = try parseExpression()
            try expectSymbol(")")
            return Expression(
                .reduce(accumulator: accumulator, initial: initial, variable: variable, source: source, body: body),
                span: span(from: start))
        case "SHORTESTPATH", "ALLSHORTESTPATHS":
            guard peek(1).isSymbol("(") else { return nil }
            let mark = patternPredicates.count
            let part = try parsePatternPart()
            try rejectPatternPredicates(since: mark, in: "a pattern expression")
            return Expression(.patternPredicate(part), span: span(from: start))
        default:
            return nil
        }
    }

    mutating func parseSubqueryBody() throws(CypherSyntaxError) -> SubqueryBody {
        try expectSymbol("{")
        let body: SubqueryBody
        if isClauseStart {
            body = .query(try parseQuery())
        } else {
            let mark = patternPredicates.count
            let pattern = try parsePattern()
            let whereClause = conjoinPatternPredicates(
                since: mark, with: acceptKeyword("WHERE") ? try parseExpression() : nil)
            body = .pattern(pattern.parts, where: whereClause)
        }
        try expectSymbol("}")
        return body
    }

    mutating func parseCase(start: SourceLocation) throws(CypherSyntaxError) -> Expression {
        let subject = isKeyword("WHEN") ? nil : try parseExpression()
        var alternatives: [CaseAlternative] = []
        while acceptKeyword("WHEN") {
            let when = try parseExpression()
            try expectKeyword("THEN")
            alternatives.append(CaseAlternative(when: when, then: try parseExpression()))
        }
        if alternatives.isEmpty { throw unexpected(expected: "WHEN") }
        let elseValue = acceptKeyword("ELSE") ? try parseExpression() : nil
        try expectKeyword("END")
        return Expression(
            .caseExpression(CaseExpression(subject: subject, alternatives: alternatives, elseValue: elseValue)),
            span: span(from: start))
    }

    mutating func parseFunctionCall(start: SourceLocation) throws(CypherSyntaxError) -> Expression {
        var names = [try parseName()]
        while acceptSymbol(".") { names.append(try parseName()) }
        try expectSymbol("(")
        let distinct = acceptKeyword("DISTINCT")
        var arguments: [Expression] = []
        if !isSymbol(")") { arguments = try parseExpressionList() }
        try expectSymbol(")")
        let name = names.removeLast()
        return Expression(
            .function(FunctionCall(namespace: names, name: name, distinct: distinct, arguments: arguments)),
            span: span(from: start))
    }

    /// `(expr)` or a pattern predicate `(a)-->(b)`; tries the pattern first and backtracks.
    mutating func parseParenthesisedOrPattern() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        let saved = position
        let mark = patternPredicates.count
        if let element = try? parsePatternElement(), !element.chain.isEmpty {
            try rejectPatternPredicates(since: mark, in: "a pattern expression")
            let part = PatternPart(variable: nil, shortest: nil, element: element, span: span(from: start))
            return Expression(.patternPredicate(part), span: part.span)
        }
        patternPredicates.removeSubrange(mark...)
        position = saved
        try expectSymbol("(")
        let inner = try parseExpression()
        try expectSymbol(")")
        return Expression(inner.kind, span: span(from: start))
    }

    /// `[...]`: a list literal, a list comprehension or a pattern comprehension.
    mutating func parseListAtom() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        try expectSymbol("[")
        // List comprehension `[x IN list WHERE p | e]`.
        if case .word(let name, _) = current.kind, peek(1).isKeyword("IN") {
            _ = advance()
            _ = advance()
            let source = try parseExpression()
            let predicate = acceptKeyword("WHERE") ? try parseExpression() : nil
            let projection = acceptSymbol("|") ? try parseExpression() : nil
            try expectSymbol("]")
            return Expression(
                .listComprehension(variable: name, source: source, predicate: predicate, projection: projection),
                span: span(from: start))
        }
        // Pattern comprehension `[p = (a)-->(b) WHERE q | e]`.
        let saved = position
        let mark = patternPredicates.count
        var pathVariable: String? = nil
        if case .word(let name, _) = current.kind, peek(1).isSymbol("="), peek(2).isSymbol("(") {
            pathVariable = name
            _ = advance()
            _ = advance()
        }
        if isSymbol("(") {
            let patternStart = current.span.start
            if let element = try? parsePatternElement(), !element.chain.isEmpty || pathVariable != nil,
                isKeyword("WHERE") || isSymbol("|")
            {
                let part = PatternPart(
                    variable: pathVariable, shortest: nil, element: element, span: span(from: patternStart))
                let predicate = conjoinPatternPredicates(
                    since: mark, with: acceptKeyword("WHERE") ? try parseExpression() : nil)
                try expectSymbol("|")
                let projection = try parseExpression()
                try expectSymbol("]")
                return Expression(
                    .patternComprehension(
                        pathVariable: pathVariable, pattern: part, predicate: predicate, projection: projection),
                    span: span(from: start))
            }
        }
        patternPredicates.removeSubrange(mark...)
        position = saved
        var items: [Expression] = []
        if !isSymbol("]") { items = try parseExpressionList() }
        try expectSymbol("]")
        return Expression(.list(items), span: span(from: start))
    }

    mutating func parseMapLiteral() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        try expectSymbol("{")
        var entries: [MapEntry] = []
        if !isSymbol("}") {
            repeat {
                let key = try parseName("a property key")
                try expectSymbol(":")
                entries.append(MapEntry(key: key, value: try parseExpression()))
            } while acceptSymbol(",")
        }
        try expectSymbol("}")
        return Expression(.map(entries), span: span(from: start))
    }

    mutating func parseMapProjection(_ subject: Expression) throws(CypherSyntaxError) -> Expression {
        let start = subject.span.start
        try expectSymbol("{")
        var items: [MapProjectionItem] = []
        if !isSymbol("}") {
            repeat {
                if acceptSymbol(".") {
                    if acceptSymbol("*") {
                        items.append(.allProperties)
                    } else {
                        items.append(.property(try parseName("a property key")))
                    }
                } else {
                    let name = try parseName("a property key or variable")
                    if acceptSymbol(":") {
                        items.append(.literal(name, try parseExpression()))
                    } else {
                        items.append(.variable(name))
                    }
                }
            } while acceptSymbol(",")
        }
        try expectSymbol("}")
        return Expression(.mapProjection(subject, items), span: span(from: start))
    }
}
