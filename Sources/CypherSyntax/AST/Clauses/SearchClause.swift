/// The `SEARCH` subclause of a `MATCH` (Neo4j 2026.01, Cypher 25): the bound node is restricted to the
/// approximate nearest neighbours of a query vector in a vector index.
///
/// ```
/// MATCH (p:Product)
///   SEARCH p IN (VECTOR INDEX products FOR $vector WHERE p.price < 50 LIMIT 10) SCORE AS score
/// ```
///
/// `filter` is applied inside the index search (only matching nodes count towards `limit`); the enclosing
/// MATCH's own WHERE filters the results afterwards.
public struct SearchClause: Sendable, Hashable {
    /// The node variable of the enclosing pattern the search binds.
    public var variable: String
    public var variableSpan: SourceSpan
    /// The vector index's name.
    public var indexName: String
    public var indexSpan: SourceSpan
    /// The query vector (a list of numbers); evaluated once per incoming row.
    public var queryVector: Expression
    /// The in-index filter on the bound node (`WHERE` inside the parentheses).
    public var filter: Expression?
    /// How many neighbours (`LIMIT`); a constant expression.
    public var limit: Expression
    /// The score's variable (`SCORE AS name`).
    public var scoreVariable: String?
    public var span: SourceSpan

    public init(
        variable: String, variableSpan: SourceSpan, indexName: String, indexSpan: SourceSpan, queryVector: Expression,
        filter: Expression?, limit: Expression, scoreVariable: String?, span: SourceSpan
    ) {
        self.variable = variable
        self.variableSpan = variableSpan
        self.indexName = indexName
        self.indexSpan = indexSpan
        self.queryVector = queryVector
        self.filter = filter
        self.limit = limit
        self.scoreVariable = scoreVariable
        self.span = span
    }
}
