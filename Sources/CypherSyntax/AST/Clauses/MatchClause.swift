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
