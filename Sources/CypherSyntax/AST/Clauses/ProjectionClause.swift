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
