/// A function call `ns.name(DISTINCT? args)`.
public struct FunctionCall: Sendable, Hashable {
    /// Namespace parts, e.g. `["a", "b"]` for `a.b.c(...)`.
    public var namespace: [String]
    public var name: String
    public var distinct: Bool
    public var arguments: [Expression]

    public init(namespace: [String], name: String, distinct: Bool, arguments: [Expression]) {
        self.namespace = namespace
        self.name = name
        self.distinct = distinct
        self.arguments = arguments
    }

    /// `a.b.c`, lower-cased for lookups.
    public var qualifiedName: String { (namespace + [name]).joined(separator: ".") }
}
