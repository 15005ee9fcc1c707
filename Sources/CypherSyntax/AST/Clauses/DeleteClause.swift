public struct DeleteClause: Sendable, Hashable {
    public var detach: Bool
    public var expressions: [Expression]
    public init(detach: Bool, expressions: [Expression]) {
        self.detach = detach
        self.expressions = expressions
    }
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
