extension Parser {
    mutating func parsePattern() throws(CypherSyntaxError) -> Pattern {
        let start = current.span.start
        var parts = [try parsePatternPart()]
        while acceptSymbol(",") { parts.append(try parsePatternPart()) }
        return Pattern(parts: parts, span: span(from: start))
    }

    /// `[p =] [shortestPath|allShortestPaths] (pattern element)`.
    mutating func parsePatternPart() throws(CypherSyntaxError) -> PatternPart {
        let start = current.span.start
        var variable: String? = nil
        if case .word(let w, _) = current.kind, peek(1).isSymbol("=") {
            variable = w
            _ = advance()
            _ = advance()
        }
        var shortest: PatternPart.Shortest? = nil
        if isKeyword("SHORTESTPATH") || isKeyword("ALLSHORTESTPATHS"), peek(1).isSymbol("(") {
            shortest = isKeyword("SHORTESTPATH") ? .shortestPath : .allShortestPaths
            _ = advance()
            _ = advance()
            let element = try parsePatternElement()
            try expectSymbol(")")
            return PatternPart(variable: variable, shortest: shortest, element: element, span: span(from: start))
        }
        let element = try parsePatternElement()
        return PatternPart(variable: variable, shortest: nil, element: element, span: span(from: start))
    }

    mutating func parsePatternElement() throws(CypherSyntaxError) -> PatternElement {
        // A parenthesised element `((a)-->(b))`.
        if isSymbol("("), peek(1).isSymbol("(") {
            try enterNesting()
            defer { depth -= 1 }
            _ = advance()
            let inner = try parsePatternElement()
            try expectSymbol(")")
            return inner
        }
        let first = try parseNodePattern()
        var chain: [PatternStep] = []
        while isDash || (isSymbol("<") && (peek(1).isSymbol("-") || Self.unicodeDashes.contains(peek(1).display))) {
            let relationship = try parseRelationshipPattern()
            let node = try parseNodePattern()
            chain.append(PatternStep(relationship: relationship, node: node))
        }
        return PatternElement(start: first, chain: chain)
    }

    mutating func parseNodePattern() throws(CypherSyntaxError) -> NodePattern {
        let start = current.span.start
        try expectSymbol("(")
        var variable: String? = nil
        if case .word(let w, _) = current.kind {
            variable = w
            _ = advance()
        }
        let labels = try parseLabels()
        let properties = try parsePatternProperties()
        if acceptKeyword("WHERE") { patternPredicates.append(try parseExpression()) }
        try expectSymbol(")")
        return NodePattern(variable: variable, labels: labels, properties: properties, span: span(from: start))
    }

    mutating func parsePatternProperties() throws(CypherSyntaxError) -> Expression? {
        if isSymbol("{") { return try parseMapLiteral() }
        if case .parameter(let name) = current.kind {
            let token = advance()
            return Expression(.parameter(name), span: token.span)
        }
        return nil
    }

    mutating func parseRelationshipPattern() throws(CypherSyntaxError) -> RelationshipPattern {
        let start = current.span.start
        let leftArrow = acceptSymbol("<")
        try expectDash()
        var variable: String? = nil
        var types: [String] = []
        var length: VariableLength? = nil
        var properties: Expression? = nil
        if acceptSymbol("[") {
            if case .word(let w, _) = current.kind {
                variable = w
                _ = advance()
            }
            if acceptSymbol(":") {
                types.append(try parseName("a relationship type"))
                while acceptSymbol("|") {
                    _ = acceptSymbol(":")
                    types.append(try parseName("a relationship type"))
                }
            }
            if acceptSymbol("*") {
                var minimum: Int64? = nil
                var maximum: Int64? = nil
                if case .integer = current.kind { minimum = try parseRangeBound() }
                if acceptSymbol("..") {
                    if case .integer = current.kind { maximum = try parseRangeBound() }
                } else {
                    maximum = minimum
                }
                length = VariableLength(minimum: minimum, maximum: maximum)
            }
            properties = try parsePatternProperties()
            if isKeyword("WHERE") {
                if length != nil {
                    throw error(
                        .invalidRelationshipPattern,
                        "A WHERE inside a variable-length relationship pattern is not supported; filter the path"
                            + " in the clause's WHERE (for example with all(r IN relationships(p) WHERE ...))",
                        at: current.span)
                }
                _ = advance()
                patternPredicates.append(try parseExpression())
            }
            if !isSymbol("]") {
                throw error(
                    .invalidRelationshipPattern, "Invalid relationship pattern near '\(current.display)'",
                    at: current.span)
            }
            _ = advance()
        }
        try expectDash()
        let rightArrow = acceptSymbol(">")
        let direction: RelationshipPattern.Direction =
            leftArrow == rightArrow ? .both : (leftArrow ? .incoming : .outgoing)
        return RelationshipPattern(
            variable: variable, types: types, direction: direction, length: length, properties: properties,
            span: span(from: start))
    }

    mutating func parseRangeBound() throws(CypherSyntaxError) -> Int64 {
        let token = advance()
        guard case .integer(let digits, let radix) = token.kind else { throw unexpected(expected: "an integer") }
        return try integerValue(digits: digits, radix: radix, negative: false, span: token.span)
    }

    /// Converts literal digits to an `Int64`, raising `IntegerOverflow` when out of range.
    func integerValue(digits: String, radix: Int, negative: Bool, span: SourceSpan) throws(CypherSyntaxError) -> Int64 {
        guard let magnitude = UInt64(digits, radix: radix) else {
            throw error(.integerOverflow, "Integer literal is too large", at: span)
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else {
                throw error(.integerOverflow, "Integer literal is too small", at: span)
            }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else {
            throw error(.integerOverflow, "Integer literal is too large", at: span)
        }
        return Int64(magnitude)
    }
}
