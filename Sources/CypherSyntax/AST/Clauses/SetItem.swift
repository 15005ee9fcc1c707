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
