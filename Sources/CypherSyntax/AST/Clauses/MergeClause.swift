public struct MergeClause: Sendable, Hashable {
    public var pattern: PatternPart
    public var onCreate: [SetItem]
    public var onMatch: [SetItem]
    public init(pattern: PatternPart, onCreate: [SetItem], onMatch: [SetItem]) {
        self.pattern = pattern
        self.onCreate = onCreate
        self.onMatch = onMatch
    }
}
