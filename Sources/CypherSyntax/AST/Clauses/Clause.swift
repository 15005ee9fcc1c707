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
        case subquery(SubqueryClause)
        case foreach(ForeachClause)
    }

    public var kind: Kind
    public var span: SourceSpan
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}
