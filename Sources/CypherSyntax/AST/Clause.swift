/// One clause of a single query.
public struct Clause: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case match(MatchClause)
        case unwind(UnwindClause)
        case with(ProjectionClause)
        case `return`(ProjectionClause)
        case create(Pattern)
        case merge(MergeClause)
        case set([SetItem])
        case remove([RemoveItem])
        case delete(DeleteClause)
        case call(CallClause)
        case subquery(Query)
        case foreach(ForeachClause)
    }

    public var kind: Kind
    public var span: SourceSpan
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public struct MatchClause: Sendable, Hashable {
    public var optional: Bool
    public var pattern: Pattern
    public var whereClause: Expression?
    public init(optional: Bool, pattern: Pattern, whereClause: Expression?) {
        self.optional = optional
        self.pattern = pattern
        self.whereClause = whereClause
    }
}

public struct UnwindClause: Sendable, Hashable {
    public var expression: Expression
    public var variable: String
    public init(expression: Expression, variable: String) {
        self.expression = expression
        self.variable = variable
    }
}

/// The body shared by WITH and RETURN.
public struct ProjectionClause: Sendable, Hashable {
    public var distinct: Bool
    /// True for `*` (items may follow: `RETURN *, x AS y`).
    public var includesAll: Bool
    public var items: [ProjectionItem]
    public var orderBy: [SortItem]
    public var skip: Expression?
    public var limit: Expression?
    /// Only for WITH.
    public var whereClause: Expression?
    public init(
        distinct: Bool, includesAll: Bool, items: [ProjectionItem], orderBy: [SortItem], skip: Expression?,
        limit: Expression?, whereClause: Expression?
    ) {
        self.distinct = distinct
        self.includesAll = includesAll
        self.items = items
        self.orderBy = orderBy
        self.skip = skip
        self.limit = limit
        self.whereClause = whereClause
    }
}

/// `expr [AS alias]`. `text` is the expression's source text, used as the column name when there is no alias.
public struct ProjectionItem: Sendable, Hashable {
    public var expression: Expression
    public var alias: String?
    public var text: String
    public init(expression: Expression, alias: String?, text: String) {
        self.expression = expression
        self.alias = alias
        self.text = text
    }
    /// The output column name.
    public var name: String { alias ?? text }
}

public struct SortItem: Sendable, Hashable {
    public var expression: Expression
    public var ascending: Bool
    public init(expression: Expression, ascending: Bool) {
        self.expression = expression
        self.ascending = ascending
    }
}

public struct MergeClause: Sendable, Hashable {
    public var pattern: PatternPart
    public var onCreate: [SetItem]
    public var onMatch: [SetItem]
    public init(pattern: PatternPart, onCreate: [SetItem], onMatch: [SetItem]) {
        self.pattern = pattern
        self.onCreate = onCreate
        self.onMatch = onMatch
    }
}

public enum SetItem: Sendable, Hashable {
    /// `target.prop = value` (target is any expression yielding a node/relationship/map).
    case property(target: Expression, key: String, value: Expression, span: SourceSpan)
    /// `v = map` (replace all properties).
    case replace(variable: String, value: Expression, span: SourceSpan)
    /// `v += map`.
    case merge(variable: String, value: Expression, span: SourceSpan)
    /// `v:A:B`.
    case labels(variable: String, labels: [String], span: SourceSpan)
}

public enum RemoveItem: Sendable, Hashable {
    case property(target: Expression, key: String, span: SourceSpan)
    case labels(variable: String, labels: [String], span: SourceSpan)
}

public struct DeleteClause: Sendable, Hashable {
    public var detach: Bool
    public var expressions: [Expression]
    public init(detach: Bool, expressions: [Expression]) {
        self.detach = detach
        self.expressions = expressions
    }
}

/// `CALL ns.proc(args) [YIELD a, b AS c [WHERE p]]`; `arguments` is nil for the implicit form `CALL ns.proc`.
public struct CallClause: Sendable, Hashable {
    public var namespace: [String]
    public var name: String
    public var arguments: [Expression]?
    /// Nil when there is no YIELD; `yieldAll` for `YIELD *`.
    public var yieldItems: [YieldItem]?
    public var yieldAll: Bool
    public var whereClause: Expression?
    public init(
        namespace: [String], name: String, arguments: [Expression]?, yieldItems: [YieldItem]?, yieldAll: Bool,
        whereClause: Expression?
    ) {
        self.namespace = namespace
        self.name = name
        self.arguments = arguments
        self.yieldItems = yieldItems
        self.yieldAll = yieldAll
        self.whereClause = whereClause
    }
    public var qualifiedName: String { (namespace + [name]).joined(separator: ".") }
}

public struct YieldItem: Sendable, Hashable {
    public var field: String
    public var alias: String?
    public var span: SourceSpan
    public init(field: String, alias: String?, span: SourceSpan) {
        self.field = field
        self.alias = alias
        self.span = span
    }
    public var name: String { alias ?? field }
}

/// `FOREACH (v IN list | updating clauses)`.
public struct ForeachClause: Sendable, Hashable {
    public var variable: String
    public var list: Expression
    public var clauses: [Clause]
    public init(variable: String, list: Expression, clauses: [Clause]) {
        self.variable = variable
        self.list = list
        self.clauses = clauses
    }
}
