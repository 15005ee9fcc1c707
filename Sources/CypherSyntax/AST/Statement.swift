/// A whole statement: a query or a schema command, optionally prefixed by EXPLAIN or PROFILE.
public struct Statement: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case query(Query)
        case schema(SchemaCommand)
    }
    public enum Mode: Sendable, Hashable { case run, explain, profile }

    public var kind: Kind
    public var mode: Mode
    public var span: SourceSpan
    public init(kind: Kind, mode: Mode, span: SourceSpan) {
        self.kind = kind
        self.mode = mode
        self.span = span
    }
}
