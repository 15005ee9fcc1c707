extension Parser {
    /// Parses an expression: OR < XOR < AND < NOT < comparison < string/list/null predicates < + - < * / % < ^
    /// < unary + - < postfix (property, index, slice, labels) < atom.
    public mutating func parseExpression() throws(CypherSyntaxError) -> Expression {
        try enterNesting()
        defer { depth -= 1 }
        return try parseOr()
    }

    private mutating func parseBinaryLevel(
        _ keyword: String, _ op: BinaryOperator, next: (inout Parser) throws(CypherSyntaxError) -> Expression
    ) throws(CypherSyntaxError) -> Expression {
        var lhs = try next(&self)
        while acceptKeyword(keyword) {
            let rhs = try next(&self)
            lhs = try checkHeight(Expression(.binary(op, lhs, rhs), span: lhs.span.merged(with: rhs.span)))
        }
        return lhs
    }

    mutating func parseOr() throws(CypherSyntaxError) -> Expression {
        try parseBinaryLevel("OR", .or) { p throws(CypherSyntaxError) in try p.parseXor() }
    }

    mutating func parseXor() throws(CypherSyntaxError) -> Expression {
        try parseBinaryLevel("XOR", .xor) { p throws(CypherSyntaxError) in try p.parseAnd() }
    }

    mutating func parseAnd() throws(CypherSyntaxError) -> Expression {
        try parseBinaryLevel("AND", .and) { p throws(CypherSyntaxError) in try p.parseNot() }
    }

    mutating func parseNot() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        if acceptKeyword("NOT") {
            try enterNesting()
            defer { depth -= 1 }
            let operand = try parseNot()
            return Expression(.unary(.not, operand), span: span(from: start))
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(CypherSyntaxError) -> Expression {
        let lhs = try parsePredicates()
        var links: [ComparisonLink] = []
        while true {
            let op: ComparisonOperator
            if isSymbol("=") {
                op = .equal
            } else if isSymbol("<>") || isSymbol("!=") {
                op = .notEqual
            } else if isSymbol("<") {
                op = .less
            } else if isSymbol(">") {
                op = .greater
            } else if isSymbol("<=") {
                op = .lessOrEqual
            } else if isSymbol(">=") {
                op = .greaterOrEqual
            } else {
                break
            }
            _ = advance()
            links.append(ComparisonLink(op, try parsePredicates()))
        }
        if links.isEmpty { return lhs }
        return try checkHeight(Expression(.comparison(lhs, links), span: lhs.span.merged(with: links.last!.rhs.span)))
    }

    /// `=~`, IN, STARTS WITH, ENDS WITH, CONTAINS, IS [NOT] NULL.
    mutating func parsePredicates() throws(CypherSyntaxError) -> Expression {
        var lhs = try parseAdditive()
        while true {
            let start = lhs.span.start
            if acceptSymbol("=~") {
                let rhs = try parseAdditive()
                lhs = try checkHeight(Expression(.binary(.regexMatch, lhs, rhs), span: span(from: start)))
            } else if acceptKeyword("IN") {
                let rhs = try parseAdditive()
                lhs = try checkHeight(Expression(.binary(.in, lhs, rhs), span: span(from: start)))
            } else if isKeyword("STARTS"), peek(1).isKeyword("WITH") {
                _ = advance()
                _ = advance()
                let rhs = try parseAdditive()
                lhs = try checkHeight(Expression(.binary(.startsWith, lhs, rhs), span: span(from: start)))
            } else if isKeyword("ENDS"), peek(1).isKeyword("WITH") {
                _ = advance()
                _ = advance()
                let rhs = try parseAdditive()
                lhs = try checkHeight(Expression(.binary(.endsWith, lhs, rhs), span: span(from: start)))
            } else if acceptKeyword("CONTAINS") {
                let rhs = try parseAdditive()
                lhs = try checkHeight(Expression(.binary(.contains, lhs, rhs), span: span(from: start)))
            } else if isKeyword("IS"),
                peek(1).isKeyword("NULL") || (peek(1).isKeyword("NOT") && peek(2).isKeyword("NULL"))
            {
                _ = advance()
                let negated = acceptKeyword("NOT")
                try expectKeyword("NULL")
                lhs = try checkHeight(Expression(.isNull(lhs, negated: negated), span: span(from: start)))
            } else {
                return lhs
            }
        }
    }

    mutating func parseAdditive() throws(CypherSyntaxError) -> Expression {
        var lhs = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let op: BinaryOperator = isSymbol("+") ? .add : .subtract
            _ = advance()
            let rhs = try parseMultiplicative()
            lhs = try checkHeight(Expression(.binary(op, lhs, rhs), span: lhs.span.merged(with: rhs.span)))
        }
        return lhs
    }

    mutating func parseMultiplicative() throws(CypherSyntaxError) -> Expression {
        var lhs = try parsePower()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let op: BinaryOperator = isSymbol("*") ? .multiply : isSymbol("/") ? .divide : .modulo
            _ = advance()
            let rhs = try parsePower()
            lhs = try checkHeight(Expression(.binary(op, lhs, rhs), span: lhs.span.merged(with: rhs.span)))
        }
        return lhs
    }

    mutating func parsePower() throws(CypherSyntaxError) -> Expression {
        var lhs = try parseUnary()
        while acceptSymbol("^") {
            let rhs = try parseUnary()
            lhs = try checkHeight(Expression(.binary(.power, lhs, rhs), span: lhs.span.merged(with: rhs.span)))
        }
        return lhs
    }

    mutating func parseUnary() throws(CypherSyntaxError) -> Expression {
        let start = current.span.start
        if isSymbol("-") || isSymbol("+") {
            let minus = isSymbol("-")
            _ = advance()
            if minus, case .invalidNumber(let text) = current.kind {
                throw error(.invalidNumberLiteral, "Invalid number literal '-\(text)'", at: current.span)
            }
            if minus, case .integer(let digits, let radix) = current.kind {
                // Fold `-literal` so that the most negative integer is representable.
                let token = advance()
                let value = try integerValue(digits: digits, radix: radix, negative: true, span: token.span)
                let literal = Expression(.integer(value), span: span(from: start))
                return try parsePostfix(literal, allowLabels: true)
            }
            try enterNesting()
            defer { depth -= 1 }
            let operand = try parseUnary()
            return Expression(.unary(minus ? .minus : .plus, operand), span: span(from: start))
        }
        return try parsePostfixExpression(allowLabels: true)
    }

    /// An atom followed by property lookups, indexing, slicing and (if allowed) a label predicate.
    mutating func parsePostfixExpression(allowLabels: Bool) throws(CypherSyntaxError) -> Expression {
        let atom = try parseAtom()
        return try parsePostfix(atom, allowLabels: allowLabels)
    }

    mutating func parsePostfix(_ atom: Expression, allowLabels: Bool) throws(CypherSyntaxError) -> Expression {
        var expression = atom
        let start = atom.span.start
        while true {
            if isSymbol("."), case .word = peek(1).kind {
                _ = advance()
                let key = try parseName()
                expression = try checkHeight(Expression(.property(expression, key), span: span(from: start)))
            } else if acceptSymbol("[") {
                if acceptSymbol("..") {
                    let to = isSymbol("]") ? nil : try parseExpression()
                    try expectSymbol("]")
                    expression = try checkHeight(
                        Expression(.slice(expression, from: nil, to: to), span: span(from: start)))
                    continue
                }
                let first = try parseExpression()
                if acceptSymbol("..") {
                    let to = isSymbol("]") ? nil : try parseExpression()
                    try expectSymbol("]")
                    expression = try checkHeight(
                        Expression(.slice(expression, from: first, to: to), span: span(from: start)))
                } else {
                    try expectSymbol("]")
                    expression = try checkHeight(Expression(.index(expression, first), span: span(from: start)))
                }
            } else if allowLabels, isSymbol(":"), case .word = peek(1).kind {
                let labels = try parseLabels()
                expression = try checkHeight(Expression(.hasLabels(expression, labels), span: span(from: start)))
            } else {
                return expression
            }
        }
    }
}
