/// A recursive-descent parser from tokens to the AST.
///
/// Use ``Parser/parse(_:)`` for a whole statement. Keywords are matched case-insensitively; backtick-quoted words
/// are never keywords.
public struct Parser: Sendable {
    var tokens: [Token]
    var position = 0
    /// Current expression nesting, bounded by `maximumDepth` so that hostile input cannot exhaust the stack.
    var depth = 0
    /// The `WHERE` predicates written inside node and relationship patterns, waiting for the clause that owns
    /// the pattern to take them (see `Parser+PatternPredicates.swift`).
    var patternPredicates: [Expression] = []
    /// Parenthesis/bracket nesting limit: each level costs several stack frames in the recursive descent.
    static let maximumDepth = 48
    /// Expression tree height limit (long operator chains build tall trees without parser recursion).
    static let maximumHeight = 200

    /// Enters one level of nesting, failing beyond `maximumDepth`.
    mutating func enterNesting() throws(CypherSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            depth -= 1
            throw error(
                .unexpectedSyntax, "Query nested too deeply (more than \(Self.maximumDepth) levels)", at: current.span)
        }
    }

    /// Fails when `expression` is taller than `maximumHeight`.
    func checkHeight(_ expression: Expression) throws(CypherSyntaxError) -> Expression {
        if expression.height > Self.maximumHeight {
            throw error(
                .unexpectedSyntax, "Expression too deeply nested (more than \(Self.maximumHeight) levels)",
                at: expression.span)
        }
        return expression
    }
    let source: String
    let scalars: [Unicode.Scalar]

    public init(_ source: String) throws(CypherSyntaxError) {
        self.source = source
        self.scalars = Array(source.unicodeScalars)
        self.tokens = try Lexer.tokenize(source)
    }

    /// Parses one statement (a query or a schema command, optionally prefixed by EXPLAIN or PROFILE).
    /// - Complexity: linear in the query length, except for short backtracking between parenthesised expressions
    ///   and pattern predicates.
    public static func parse(_ source: String) throws(CypherSyntaxError) -> Statement {
        var parser = try Parser(source)
        return try parser.parseStatement()
    }

    // MARK: Token helpers

    var current: Token { tokens[position] }
    func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }
    var atEnd: Bool { if case .end = current.kind { return true } else { return false } }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    /// The end location of the previously consumed token.
    var previousEnd: SourceLocation { position > 0 ? tokens[position - 1].span.end : current.span.start }

    func span(from start: SourceLocation) -> SourceSpan { SourceSpan(start: start, end: previousEnd) }

    func isKeyword(_ k: String) -> Bool { current.isKeyword(k) }
    func isSymbol(_ s: String) -> Bool { current.isSymbol(s) }

    mutating func acceptKeyword(_ k: String) -> Bool {
        if isKeyword(k) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func acceptSymbol(_ s: String) -> Bool {
        if isSymbol(s) {
            _ = advance()
            return true
        }
        return false
    }

    mutating func expectKeyword(_ k: String) throws(CypherSyntaxError) {
        if !acceptKeyword(k) { throw unexpected(expected: k) }
    }

    mutating func expectSymbol(_ s: String) throws(CypherSyntaxError) {
        if !acceptSymbol(s) { throw unexpected(expected: "'\(s)'") }
    }

    /// Unicode dashes stand for `-` in patterns only.
    static let unicodeDashes: Set<String> = [
        "\u{00AD}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{FE58}",
        "\u{FE63}", "\u{FF0D}",
    ]

    var isDash: Bool {
        if case .symbol(let s) = current.kind { return s == "-" || Self.unicodeDashes.contains(s) }
        return false
    }

    mutating func expectDash() throws(CypherSyntaxError) {
        if !isDash { throw unexpected(expected: "'-'") }
        _ = advance()
    }

    func unexpected(expected: String) -> CypherSyntaxError {
        if case .symbol(let s) = current.kind, !s.unicodeScalars.allSatisfy(\.isASCII) {
            return error(
                .invalidUnicodeCharacter, "Invalid input '\(s)': this character is not allowed here", at: current.span)
        }
        return error(.unexpectedSyntax, "Invalid input '\(current.display)': expected \(expected)", at: current.span)
    }

    func error(_ code: CypherSyntaxError.Code, _ message: String, at span: SourceSpan) -> CypherSyntaxError {
        CypherSyntaxError(code, message, at: span, source: source)
    }

    /// Any word, quoted or not (keywords are allowed as names).
    mutating func parseName(_ what: String = "a name") throws(CypherSyntaxError) -> String {
        if case .word(let w, _) = current.kind {
            _ = advance()
            return w
        }
        throw unexpected(expected: what)
    }

    /// The source text of a span.
    func text(of span: SourceSpan) -> String {
        var s = ""
        let lower = max(0, min(span.start.offset, scalars.count))
        let upper = max(lower, min(span.end.offset, scalars.count))
        s.unicodeScalars.append(contentsOf: scalars[lower..<upper])
        return s
    }

    // MARK: Statements

    mutating func parseStatement() throws(CypherSyntaxError) -> Statement {
        let start = current.span.start
        var mode = Statement.Mode.run
        if acceptKeyword("EXPLAIN") {
            mode = .explain
        } else if acceptKeyword("PROFILE") {
            mode = .profile
        }
        let kind: Statement.Kind
        if isShowQueryStart {
            kind = .query(try parseShowQuery())
        } else if isSchemaCommandStart {
            kind = .schema(try parseSchemaCommand())
        } else {
            kind = .query(try parseQuery())
        }
        _ = acceptSymbol(";")
        if !atEnd { throw unexpected(expected: "end of input") }
        return Statement(kind: kind, mode: mode, span: span(from: start))
    }

    /// Single queries joined by UNION [ALL].
    mutating func parseQuery() throws(CypherSyntaxError) -> Query {
        let start = current.span.start
        var parts = [try parseSingleQuery()]
        var all: [Bool] = []
        while acceptKeyword("UNION") {
            all.append(acceptKeyword("ALL"))
            parts.append(try parseSingleQuery())
        }
        return Query(parts: parts, unionAll: all, span: span(from: start))
    }

    static let clauseKeywords: Set<String> = [
        "MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN", "CREATE", "MERGE", "SET", "REMOVE", "DELETE", "DETACH",
        "CALL", "FOREACH",
    ]

    var isClauseStart: Bool {
        if case .word(let w, false) = current.kind { return Self.clauseKeywords.contains(w.uppercased()) }
        return false
    }

    mutating func parseSingleQuery() throws(CypherSyntaxError) -> SingleQuery {
        let start = current.span.start
        var clauses: [Clause] = []
        while isClauseStart {
            clauses.append(try parseClause())
        }
        if clauses.isEmpty { throw unexpected(expected: "a clause") }
        return SingleQuery(clauses: clauses, span: span(from: start))
    }
}
