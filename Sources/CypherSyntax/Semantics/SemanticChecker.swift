/// Compile-time checks over a parsed statement: variable scoping across clauses, variable kinds in patterns,
/// aggregation placement, projection rules, UNION composition, pattern rules for CREATE/MERGE, constant
/// SKIP/LIMIT and simple static types. Errors carry the TCK detail codes (`UndefinedVariable`, ...).
public struct SemanticChecker: Sendable {
    /// A procedure's declared signature, used to check CALL clauses when known.
    public struct ProcedureSignature: Sendable, Hashable {
        public var inputs: [(name: String, type: StaticType)]
        public var outputs: [(name: String, type: StaticType)]
        /// How many of the last `inputs` may be left out (Neo4j's arguments with defaults).
        public var optionalInputs: Int
        public init(
            inputs: [(name: String, type: StaticType)], outputs: [(name: String, type: StaticType)], optionalInputs: Int = 0
        ) {
            self.inputs = inputs
            self.outputs = outputs
            self.optionalInputs = min(max(0, optionalInputs), inputs.count)
        }
        public static func == (a: Self, b: Self) -> Bool {
            a.inputs.map(\.name) == b.inputs.map(\.name) && a.outputs.map(\.name) == b.outputs.map(\.name)
        }
        public func hash(into hasher: inout Hasher) {
            hasher.combine(inputs.map(\.name))
            hasher.combine(outputs.map(\.name))
        }
    }

    /// Procedures by qualified name; when nil, CALL clauses are not checked against signatures.
    public var procedures: [String: ProcedureSignature]?
    /// Names of the parameters supplied with the query; when nil, parameter presence is not checked.
    public var parameters: Set<String>?
    /// The query text, for error messages with a caret.
    public var source: String

    public init(
        procedures: [String: ProcedureSignature]? = nil, parameters: Set<String>? = nil, source: String = ""
    ) {
        self.procedures = procedures
        self.parameters = parameters
        self.source = source
    }

    /// Parses and checks `source`.
    public static func compile(
        _ source: String, procedures: [String: ProcedureSignature]? = nil, parameters: Set<String>? = nil
    ) throws(CypherSyntaxError) -> Statement {
        let statement = try Parser.parse(source)
        try SemanticChecker(procedures: procedures, parameters: parameters, source: source).check(statement)
        return statement
    }

    /// Checks a parsed statement and returns the names of its result columns (empty when it returns no rows;
    /// `RETURN *` lists the variables in scope sorted by name).
    @discardableResult
    public func check(_ statement: Statement) throws(CypherSyntaxError) -> [String] {
        guard case .query(let query) = statement.kind else { return [] }
        return try checkQuery(query, outer: Scope(), isSubquery: false) ?? []
    }

    func fail(_ code: CypherSyntaxError.Code, _ message: String, at span: SourceSpan) -> CypherSyntaxError {
        let classification: CypherSyntaxError.Classification =
            switch code {
            case .procedureNotFound: .procedureError
            case .missingParameter: .parameterMissing
            default: .syntaxError
            }
        return CypherSyntaxError(code, message, at: span, classification: classification, source: source)
    }

    /// Checks a (possibly UNION) query; returns the output column names (nil when the query returns nothing).
    func checkQuery(_ query: Query, outer: Scope, isSubquery: Bool) throws(CypherSyntaxError) -> [String]? {
        if Set(query.unionAll).count > 1 {
            throw fail(.invalidClauseComposition, "UNION and UNION ALL cannot be combined", at: query.span)
        }
        var columns: [String]? = nil
        for (i, part) in query.parts.enumerated() {
            let partColumns = try checkSingleQuery(part, outer: outer, isSubquery: isSubquery)
            if i == 0 {
                columns = partColumns
            } else if Set(partColumns ?? []) != Set(columns ?? []) || partColumns?.count != columns?.count {
                throw fail(
                    .differentColumnsInUnion, "All sub queries in a UNION must have the same return column names",
                    at: part.span)
            }
        }
        return columns
    }

    func checkSingleQuery(_ query: SingleQuery, outer: Scope, isSubquery: Bool) throws(CypherSyntaxError)
        -> [String]?
    {
        var scope = outer
        var columns: [String]? = nil
        for (index, clause) in query.clauses.enumerated() {
            if case .return = clause.kind, index != query.clauses.count - 1 {
                throw fail(.unexpectedSyntax, "RETURN can only be used at the end of the query", at: clause.span)
            }
            if case .call(let call) = clause.kind, call.yieldAll, query.clauses.count > 1 {
                throw fail(
                    .unexpectedSyntax, "YIELD * can only be used in a standalone procedure call", at: clause.span)
            }
            columns = try checkClause(clause, scope: &scope)
        }
        // A standalone CALL returns its yielded fields, or all declared outputs with `YIELD *` or without YIELD.
        if query.clauses.count == 1, case .call(let call) = query.clauses[0].kind {
            if let items = call.yieldItems {
                columns = items.map(\.name)
            } else if let outputs = procedures?[call.qualifiedName]?.outputs {
                columns = outputs.map(\.name)
            }
        }
        if !isSubquery, let last = query.clauses.last {
            let concludes: Bool =
                switch last.kind {
                case .return, .call, .subquery: true
                default: last.isUpdating
                }
            if !concludes {
                throw fail(
                    .invalidClauseComposition,
                    "A query cannot conclude with \(last.keyword) (must be RETURN, an update clause or a procedure call)",
                    at: last.span)
            }
        }
        return columns
    }
}
