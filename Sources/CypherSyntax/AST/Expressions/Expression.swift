/// An expression node. Every node carries the span of its source text.
public struct Expression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        // Literals and names.
        case null
        case boolean(Bool)
        case integer(Int64)
        case float(Double)
        case string(String)
        case parameter(String)
        case variable(String)
        case list([Expression])
        case map([MapEntry])

        // Operators.
        case binary(BinaryOperator, Expression, Expression)
        case unary(UnaryOperator, Expression)
        /// A chain `a < b <= c`, meaning `a < b AND b <= c` with `b` evaluated once.
        case comparison(Expression, [ComparisonLink])
        case isNull(Expression, negated: Bool)
        /// A label predicate `n:A:B` (all labels) or, for relationships, `r:T`.
        case hasLabels(Expression, [String])

        // Access.
        case property(Expression, String)
        case index(Expression, Expression)
        case slice(Expression, from: Expression?, to: Expression?)

        // Calls.
        /// `name(args)`; `namespace` holds `a.b` of `a.b.c(...)`. `count(*)` is `countStar`.
        case function(FunctionCall)
        case countStar

        // Compound forms.
        case caseExpression(CaseExpression)
        case listComprehension(variable: String, source: Expression, predicate: Expression?, projection: Expression?)
        case patternComprehension(
            pathVariable: String?, pattern: PatternPart, predicate: Expression?, projection: Expression)
        /// `all/any/none/single(x IN list WHERE predicate)`.
        case quantifier(Quantifier, variable: String, source: Expression, predicate: Expression?)
        case reduce(accumulator: String, initial: Expression, variable: String, source: Expression, body: Expression)
        case mapProjection(Expression, [MapProjectionItem])
        /// A pattern used as a predicate, e.g. `WHERE (a)-->(b)`.
        case patternPredicate(PatternPart)
        /// `EXISTS { ... }` with either a pattern (and optional WHERE) or a full query.
        case existsSubquery(SubqueryBody)
        /// `COUNT { ... }`.
        case countSubquery(SubqueryBody)
    }

    public var kind: Kind
    public var span: SourceSpan
    /// The height of the expression tree (1 for a leaf); the parser bounds it so that recursive passes over the
    /// tree cannot exhaust the stack.
    public private(set) var height: Int

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.height = 1
        self.height = 1 + (children.lazy.map(\.height).max() ?? 0)
    }

    /// Equality ignores spans, so that `n.x` in RETURN and in a grouping key compare equal.
    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.kind == rhs.kind }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

/// One `op rhs` step of a comparison chain.
public struct ComparisonLink: Sendable, Hashable {
    public var op: ComparisonOperator
    public var rhs: Expression
    public init(_ op: ComparisonOperator, _ rhs: Expression) {
        self.op = op
        self.rhs = rhs
    }
}

/// `key: value` in a map literal.
public struct MapEntry: Sendable, Hashable {
    public var key: String
    public var value: Expression
    public init(key: String, value: Expression) {
        self.key = key
        self.value = value
    }
}

/// One item of a map projection `n{.a, b: expr, c, .*}`.
public enum MapProjectionItem: Sendable, Hashable {
    case property(String)
    case literal(String, Expression)
    case variable(String)
    case allProperties
}

extension Expression {
    /// `parts` joined by AND, left to right (each AND spanning its right operand); nil for none.
    public static func conjunction(_ parts: [Expression]) -> Expression? {
        guard let first = parts.first else { return nil }
        return parts.dropFirst().reduce(first) { Expression(.binary(.and, $0, $1), span: $1.span) }
    }
}
