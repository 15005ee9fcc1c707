public struct MatchClause: Sendable, Hashable {
    public var optional: Bool
    public var pattern: Pattern
    public var whereClause: Expression?
    /// A `SEARCH` subclause (vector search binding one node of the pattern).
    public var search: SearchClause?
    public init(optional: Bool, pattern: Pattern, whereClause: Expression?, search: SearchClause? = nil) {
        self.optional = optional
        self.pattern = pattern
        self.whereClause = whereClause
        self.search = search
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
