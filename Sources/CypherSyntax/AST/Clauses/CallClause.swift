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
